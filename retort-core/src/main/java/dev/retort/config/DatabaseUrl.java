package dev.retort.config;

import java.time.Duration;
import dev.retort.api.RetortException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database URL in any accepted form, mapped to a JDBC URL plus credentials kept apart from it, so that the
 * password never reaches the driver's URL, a log or a message. {@link #toString()} is the masked form.
 *
 * <p>Dialects: {@code postgresql}, {@code mysql} (MySQL and MariaDB, through the MariaDB driver), {@code sqlite}
 * and {@code h2}. Python's async driver names (asyncpg, aiomysql, asyncmy) and R2DBC forms map to the same JDBC URL.
 */
public final class DatabaseUrl {
    private static final Pattern URL = Pattern.compile("^([A-Za-z][A-Za-z0-9+.:-]*?)://(?:([^@/]*)@)?([^/?#]*)(/[^?#]*)?(\\?[^#]*)?$");
    private static final String SUPPORTED = "postgresql://, postgresql+asyncpg://, r2dbc:postgresql://, jdbc:postgresql:, mysql://, mariadb://,"
            + " mysql+aiomysql://, mysql+asyncmy://, r2dbc:mysql://, r2dbc:mariadb://, jdbc:mariadb:, jdbc:mysql:, sqlite:///path.db,"
            + " jdbc:sqlite:, h2:, jdbc:h2:";

    private final String dialect;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String masked;
    private final Duration connectTimeout;

    private DatabaseUrl(String dialect, String jdbcUrl, String user, String password, String masked) {
        this(dialect, jdbcUrl, user, password, masked, RetortConfig.DEFAULT_CONNECT_TIMEOUT);
    }

    private DatabaseUrl(String dialect, String jdbcUrl, String user, String password, String masked, Duration connectTimeout) {
        this.dialect = dialect;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.masked = masked;
        this.connectTimeout = connectTimeout;
    }

    /** How long connecting and logging in may take (connect_timeout). */
    public Duration connectTimeout() { return connectTimeout; }

    public DatabaseUrl withConnectTimeout(Duration timeout) {
        return new DatabaseUrl(dialect, jdbcUrl, user, password, masked, timeout);
    }

    /** The same URL logging in as {@code user} with {@code password} where they are given (null keeps the URL's). */
    public DatabaseUrl withCredentials(String user, String password) {
        if (user == null && password == null) return this;
        return new DatabaseUrl(dialect, jdbcUrl, user == null ? this.user : user, password == null ? this.password : password, masked, connectTimeout);
    }

    public String dialect() { return dialect; }
    public String jdbcUrl() { return jdbcUrl; }
    public String user() { return user; }
    public String password() { return password; }

    @Override public String toString() { return masked; }

    private static final Pattern SERVER_DATABASE = Pattern.compile("^jdbc:[a-z]+:(?://[^/?]*(?:/([^?;]*))?|([^/?;][^?;]*))");

    /** The database a server URL names (jdbc:mariadb://host:port/NAME?..., jdbc:postgresql:NAME), or null. */
    public String database() {
        if (!dialect.equals("postgresql") && !dialect.equals("mysql")) return null;
        Matcher m = SERVER_DATABASE.matcher(jdbcUrl);
        if (!m.find()) return null;
        String name = m.group(1) != null ? m.group(1) : m.group(2);
        return name == null || name.isEmpty() ? null : URLDecoder.decode(name, StandardCharsets.UTF_8);
    }

    /** The same server and login, another database on it (PostgreSQL, MySQL). */
    public DatabaseUrl withDatabase(String name) {
        Matcher m = SERVER_DATABASE.matcher(jdbcUrl);
        if (database() == null || !m.find()) throw new IllegalStateException("URL " + masked + " names no database to replace");
        int g = m.group(1) != null ? 1 : 2;
        String jdbc = jdbcUrl.substring(0, m.start(g)) + name + jdbcUrl.substring(m.end(g));
        String old = database();
        String shown = masked.replaceFirst("/" + Pattern.quote(old) + "(?=$|[?;])", "/" + Matcher.quoteReplacement(name));
        return new DatabaseUrl(dialect, jdbc, user, password, shown, connectTimeout);
    }

    /**
     * Refuses a server URL that names no database before connecting: PostgreSQL would quietly pick one named after the
     * user. (Offline, {@code postgresql://} alone is fine: it only chooses the dialect.)
     */
    public DatabaseUrl requireDatabase() {
        if (dialect.equals("postgresql") && database() == null) {
            throw new RetortException("database URL " + masked + " names no database: add it, e.g. postgresql://host:5432/app");
        }
        if (dialect.equals("sqlite") && jdbcUrl.equals("jdbc:sqlite::memory:") && !masked.contains(":memory:")) {
            throw new RetortException("database URL " + masked + " names no file (an in-memory database would be gone when Retort exits):"
                    + " name one, e.g. sqlite:///app.db, or say sqlite:///:memory: if you mean it");
        }
        return this;
    }

    /** What a connection goes to, for messages: "host:port" of a server URL, else the JDBC URL without settings. */
    public String server() {
        Matcher m = SERVER_HOSTS.matcher(jdbcUrl);
        if (m.find()) return m.group(1).isEmpty() ? "localhost" : m.group(1);
        int cut = jdbcUrl.indexOf(';');
        return cut < 0 ? jdbcUrl : jdbcUrl.substring(0, cut);
    }

    private static final Pattern SERVER_HOSTS = Pattern.compile("^jdbc:[a-z]+://([^/?;]*)");

    /** Every port in a server URL's host list is a number from 1 to 65535. */
    private static void checkPorts(String jdbc, String shown) {
        Matcher m = SERVER_HOSTS.matcher(jdbc);
        if (!m.find()) return;
        for (String host : m.group(1).split(",")) {
            int colon = host.lastIndexOf(':');
            if (colon < 0 || host.endsWith("]")) continue;
            String port = host.substring(colon + 1);
            boolean ok = port.matches("[0-9]{1,5}") && Integer.parseInt(port) >= 1 && Integer.parseInt(port) <= 65535;
            // the port's text is not echoed: in a mangled URL it may hold part of the credentials
            if (!ok) throw new RetortException("malformed database URL: " + shown + " (a port is not a number from 1 to 65535)");
        }
    }

    public static DatabaseUrl parse(String raw) { return parse(raw, false); }

    /**
     * The same; {@code allowH2Init}: whether an H2 URL may carry INIT=, which runs whatever SQL it says when the
     * database opens (a file write, a Java function defined and called): allow_h2_init in retort.toml.
     */
    public static DatabaseUrl parse(String raw, boolean allowH2Init) {
        if (raw == null || raw.isBlank()) throw new RetortException("no database URL: pass --url, set RETORT_URL or DATABASE_URL, or set url in retort.toml");
        String url = raw.trim();
        String shown = Secrets.maskUrl(url);
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.indexOf('\n') >= 0 || lower.indexOf('\r') >= 0) throw new RetortException("malformed database URL: " + shown.replaceAll("[\r\n]+", " "));
        if (lower.startsWith("jdbc:postgresql:")) return jdbcWithQuery("postgresql", url, shown);
        if (lower.startsWith("jdbc:mariadb:")) return jdbcWithQuery("mysql", url, shown);
        if (lower.startsWith("jdbc:mysql:")) return jdbcWithQuery("mysql", "jdbc:mariadb:" + url.substring("jdbc:mysql:".length()), shown);
        if (lower.startsWith("jdbc:sqlite:")) return new DatabaseUrl("sqlite", url, null, null, shown);
        if (lower.startsWith("jdbc:h2:")) return h2(url.substring("jdbc:h2:".length()), shown, allowH2Init);
        if (lower.startsWith("h2:")) return h2(url.substring("h2:".length()), shown, allowH2Init);
        if (lower.startsWith("sqlite:") || lower.startsWith("sqlite+")) return sqlite(url, shown);
        Matcher m = URL.matcher(url);
        if (!m.matches()) throw new RetortException("malformed database URL: " + shown);
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        String dialect = switch (scheme) {
            case "postgresql", "postgres", "postgresql+asyncpg", "postgresql+psycopg", "postgresql+psycopg2", "postgresql+pg8000",
                 "r2dbc:postgresql", "r2dbc:postgres", "r2dbc:pool:postgresql" -> "postgresql";
            case "mysql", "mariadb", "mysql+aiomysql", "mysql+asyncmy", "mysql+pymysql", "mysql+mysqldb", "mariadb+mariadbconnector",
                 "r2dbc:mysql", "r2dbc:mariadb", "r2dbc:pool:mysql", "r2dbc:pool:mariadb" -> "mysql";
            default -> throw new RetortException("unsupported database URL scheme '" + m.group(1) + "' in " + shown + " (supported: " + SUPPORTED + ")");
        };
        String user = null, password = null;
        if (m.group(2) != null) {
            String info = m.group(2);
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon), shown);
            password = colon < 0 ? null : decode(info.substring(colon + 1), shown);
            if (user.isEmpty()) user = null;
        }
        // a second '@' ("u:p@ss@host") would put part of the password in the host
        if (m.group(3).contains("@")) throw new RetortException("malformed database URL: " + shown + " (an '@' in a password is written %40)");
        String hosts = m.group(3).isEmpty() ? "localhost" : m.group(3);
        String db = m.group(4) == null ? "/" : m.group(4);
        List<String> params = new ArrayList<>();
        if (m.group(5) != null && m.group(5).length() > 1) {
            for (String p : m.group(5).substring(1).split("&")) {
                if (p.isEmpty()) continue;
                int eq = p.indexOf('=');
                String key = eq < 0 ? p : p.substring(0, eq);
                String value = eq < 0 ? "" : decode(p.substring(eq + 1), shown);
                switch (key) {
                    case "user" -> user = value;
                    case "password" -> password = value;
                    // options of Python's drivers, meaningless to JDBC
                    case "prepared_statement_cache_size", "statement_cache_size", "async_fallback", "charset" -> { }
                    default -> params.add(p);
                }
            }
        }
        String prefix = dialect.equals("postgresql") ? "jdbc:postgresql://" : "jdbc:mariadb://";
        String jdbc = prefix + hosts + db + (params.isEmpty() ? "" : "?" + String.join("&", params));
        checkPorts(jdbc, shown);
        return new DatabaseUrl(dialect, jdbc, user, password, shown);
    }

    /** A JDBC URL with user and password as query parameters, which are taken out of it. */
    private static DatabaseUrl jdbcWithQuery(String dialect, String url, String shown) {
        String user = null, password = null;
        int q = url.indexOf('?');
        String base = q < 0 ? url : url.substring(0, q);
        List<String> params = new ArrayList<>();
        if (q >= 0) {
            for (String p : url.substring(q + 1).split("&")) {
                int eq = p.indexOf('=');
                String key = eq < 0 ? p : p.substring(0, eq);
                String value = eq < 0 ? "" : decode(p.substring(eq + 1), shown);
                if (key.equals("user")) user = value;
                else if (key.equals("password")) password = value;
                else if (!p.isEmpty()) params.add(p);
            }
        }
        checkPorts(base, shown);
        return new DatabaseUrl(dialect, base + (params.isEmpty() ? "" : "?" + String.join("&", params)), user, password, shown);
    }

    /**
     * SQLAlchemy's forms: {@code sqlite:///relative.db}, {@code sqlite:////absolute.db}, {@code sqlite:///:memory:} and
     * {@code sqlite://} (in memory).
     */
    private static DatabaseUrl sqlite(String url, String shown) {
        String rest = url.substring(url.indexOf(':') + 1); // also sqlite+aiosqlite:, sqlite+pysqlite:
        if (!rest.startsWith("//")) throw new RetortException("malformed database URL: " + shown + " (expected sqlite:///path.db or sqlite:///:memory:)");
        rest = rest.substring(2);
        int q = rest.indexOf('?');
        if (q >= 0) rest = rest.substring(0, q);
        if (rest.isEmpty() || rest.equals("/") || rest.equals("/:memory:")) return new DatabaseUrl("sqlite", "jdbc:sqlite::memory:", null, null, shown);
        if (!rest.startsWith("/")) throw new RetortException("malformed database URL: " + shown + " (a SQLite URL has no host: sqlite:///path.db)");
        return new DatabaseUrl("sqlite", "jdbc:sqlite:" + rest.substring(1), null, null, shown);
    }

    /**
     * H2 settings follow ';'. Unless the URL says otherwise, unquoted names fold to lower case as on PostgreSQL, so the
     * same revisions and models name the same objects on both.
     */
    private static DatabaseUrl h2(String rest, String shown, boolean allowInit) {
        String[] parts = rest.split(";");
        if (parts[0].isBlank()) throw new RetortException("malformed database URL: " + shown + " (expected h2:file:./path or h2:mem:name)");
        StringBuilder jdbc = new StringBuilder("jdbc:h2:").append(parts[0]);
        String user = null, password = null;
        boolean folding = false;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty()) continue;
            int eq = p.indexOf('=');
            String key = (eq < 0 ? p : p.substring(0, eq)).toUpperCase(Locale.ROOT);
            String value = eq < 0 ? "" : p.substring(eq + 1);
            switch (key) {
                case "USER" -> user = value;
                case "PASSWORD" -> password = value;
                case "INIT" -> {
                    if (!allowInit) {
                        throw new RetortException("database URL " + shown + " has INIT=, which runs SQL (and Java) when the database opens;"
                                + " take it out, or set allow_h2_init = true in retort.toml if you mean it");
                    }
                    jdbc.append(';').append(p);
                }
                default -> {
                    if (key.equals("DATABASE_TO_LOWER") || key.equals("DATABASE_TO_UPPER") || key.equals("MODE")) folding = true;
                    jdbc.append(';').append(p);
                }
            }
        }
        if (!folding) jdbc.append(";DATABASE_TO_LOWER=TRUE");
        return new DatabaseUrl("h2", jdbc.toString(), user, password, shown);
    }

    private static String decode(String s, String shown) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new RetortException("malformed percent-encoding in database URL " + shown);
        }
    }
}
