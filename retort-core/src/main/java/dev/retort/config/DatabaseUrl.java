package dev.retort.config;

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
 */
public final class DatabaseUrl {
    private static final Pattern URL = Pattern.compile("^([A-Za-z][A-Za-z0-9+.:-]*?)://(?:([^@/]*)@)?([^/?#]*)(/[^?#]*)?(\\?[^#]*)?$");

    private final String dialect;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String masked;

    private DatabaseUrl(String dialect, String jdbcUrl, String user, String password, String masked) {
        this.dialect = dialect;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.masked = masked;
    }

    public String dialect() { return dialect; }
    public String jdbcUrl() { return jdbcUrl; }
    public String user() { return user; }
    public String password() { return password; }

    @Override public String toString() { return masked; }

    public static DatabaseUrl parse(String raw) {
        if (raw == null || raw.isBlank()) throw new RetortException("no database URL: pass --url, set RETORT_URL or DATABASE_URL, or set url in retort.toml");
        String url = raw.trim();
        String shown = Secrets.maskUrl(url);
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) return jdbc(url, shown);
        Matcher m = URL.matcher(url);
        if (!m.matches()) throw new RetortException("malformed database URL: " + shown);
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        String dialect = switch (scheme) {
            case "postgresql", "postgres", "postgresql+asyncpg", "postgresql+psycopg", "postgresql+psycopg2", "postgresql+pg8000",
                 "r2dbc:postgresql", "r2dbc:postgres", "r2dbc:pool:postgresql" -> "postgresql";
            default -> throw new RetortException("unsupported database URL scheme '" + m.group(1) + "' in " + shown
                    + " (supported: postgresql://, postgres://, postgresql+asyncpg://, postgresql+psycopg://, r2dbc:postgresql://, jdbc:postgresql:)");
        };
        String user = null, password = null;
        if (m.group(2) != null) {
            String info = m.group(2);
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon), shown);
            password = colon < 0 ? null : decode(info.substring(colon + 1), shown);
            if (user.isEmpty()) user = null;
        }
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
                    case "prepared_statement_cache_size", "statement_cache_size", "async_fallback" -> { } // driver options of Python's drivers
                    default -> params.add(p);
                }
            }
        }
        String jdbc = "jdbc:postgresql://" + hosts + db + (params.isEmpty() ? "" : "?" + String.join("&", params));
        return new DatabaseUrl(dialect, jdbc, user, password, shown);
    }

    private static DatabaseUrl jdbc(String url, String shown) {
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
        return new DatabaseUrl("postgresql", base + (params.isEmpty() ? "" : "?" + String.join("&", params)), user, password, shown);
    }

    private static String decode(String s, String shown) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new RetortException("malformed percent-encoding in database URL " + shown);
        }
    }
}
