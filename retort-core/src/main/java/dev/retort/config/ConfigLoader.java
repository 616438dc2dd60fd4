package dev.retort.config;

import java.io.File;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.TreeMap;
import java.util.TreeSet;
import dev.retort.api.RetortException;
import com.electronwill.nightconfig.core.UnmodifiableConfig;
import com.electronwill.nightconfig.core.io.ParsingException;
import com.electronwill.nightconfig.toml.TomlParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads retort.toml. Strings may use ${VAR} and ${VAR:-default} for environment variables. The URL comes from, strongest
 * first: the command line, RETORT_URL, DATABASE_URL, the file.
 */
public final class ConfigLoader {
    public static final String DEFAULT_TEMPLATE = "{yyyy}_{MM}_{dd}_{HHmm}_{id}_{slug}";
    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
    private static final Set<String> TOP_KEYS = Set.of("script_location", "url", "schemas", "exclude_schemas", "include_tables",
            "exclude_tables", "version_table", "version_table_schema", "compare_type", "compare_server_default",
            "transaction_per", "file_template", "models", "lock_timeout", "render_as_batch", "connect_timeout", "placeholders", "callbacks", "safe_ddl", "post_write_hooks", "clean_enabled", "manage_grants", "ddl_lock_timeout", "allow_h2_init", "lint_gate");
    private static final Set<String> MODEL_KEYS = Set.of("classes", "packages", "sources", "classpath", "entities", "naming",
            "hibernate_dialect");

    private final Map<String, String> env;

    public ConfigLoader(Map<String, String> env) { this.env = env; }

    /** Loads {@code file} if it exists (an explicitly named file must exist), then applies the URL precedence. */
    public RetortConfig load(Path file, boolean explicit, String urlFlag) {
        Path f = file.toAbsolutePath().normalize();
        RetortConfig c;
        if (Files.isDirectory(f)) throw new RetortException("config file " + file + " is a directory; name the retort.toml inside it");
        if (Files.exists(f)) c = parse(f);
        else if (Files.isSymbolicLink(f)) {
            // a link to nothing (or a loop) is a config the user meant to have: never the defaults and the embedded database
            String to;
            try {
                to = String.valueOf(Files.readSymbolicLink(f));
            } catch (IOException e) {
                to = "?";
            }
            throw new RetortException("config file " + file + " is a symbolic link to " + to + ", which does not exist (or the links loop)");
        }
        else if (explicit) throw new RetortException("config file " + file + " does not exist");
        else c = RetortConfig.defaults(f.getParent());
        // the strongest source that is set decides; one set to nothing is a mistake, never a quiet fall back to the embedded database
        String[][] sources = {{"--url", urlFlag}, {"RETORT_URL", env.get("RETORT_URL")}, {"DATABASE_URL", env.get("DATABASE_URL")},
                {f.getFileName() + ": url", c.url()}};
        for (String[] source : sources) {
            if (source[1] == null) continue;
            if (source[1].isBlank()) {
                throw new RetortException(source[0] + " is set but empty: give a database URL there, or unset it"
                        + (source[0].equals("--url") ? " (leave the option out)" : ""));
            }
            return login(c.withUrl(source[1]));
        }
        return login(c.withUrl(RetortConfig.embeddedUrl(c.projectDir())));
    }

    /**
     * The login given apart from the URL, RETORT_USER and RETORT_PASSWORD (each overriding the URL's), so the password
     * need be in no URL that a process list, a log or a build tool's debug output shows.
     */
    private RetortConfig login(RetortConfig c) {
        String user = env.get("RETORT_USER"), password = env.get("RETORT_PASSWORD");
        if (user == null && password == null) return c;
        return c.withCredentials(user == null || user.isEmpty() ? c.user() : user, password == null ? c.password() : password);
    }

    RetortConfig parse(Path file) {
        Map<String, Object> toml;
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new RetortException(file + ": cannot read: not UTF-8 text");
        } catch (IOException e) {
            throw new RetortException(file + ": cannot read: " + e.getMessage());
        }
        if (text.startsWith("\uFEFF")) text = text.substring(1); // a byte-order mark, as some Windows editors write
        try {
            toml = new TomlParser().parse(text).valueMap();
        } catch (ParsingException e) {
            String why = String.valueOf(e.getMessage()).replace("\r", "\\r").replace("\n", "\\n");
            throw new RetortException(file + ":" + errorLine(text) + ": not valid TOML: " + why);
        }
        for (String k : toml.keySet()) {
            if (!TOP_KEYS.contains(k)) throw new RetortException(file + ": unknown key '" + k + "' (known: " + String.join(", ", new TreeSet<>(TOP_KEYS)) + ")");
        }
        Path dir = file.getParent();
        RetortConfig d = RetortConfig.defaults(dir);
        String mode = string(toml, "transaction_per", file, "migration");
        RetortConfig.TransactionMode tx = switch (mode) {
            case "migration", "revision" -> RetortConfig.TransactionMode.MIGRATION;
            case "run" -> RetortConfig.TransactionMode.RUN;
            default -> throw new RetortException(file + ": transaction_per must be \"migration\" or \"run\", not \"" + mode + "\"");
        };
        List<String> classes = new ArrayList<>();
        List<Path> sources = new ArrayList<>();
        List<Path> classpath = new ArrayList<>();
        List<String> entities = new ArrayList<>();
        Map<String, String> options = new TreeMap<>();
        Object modelsValue = toml.get("models");
        if (modelsValue != null && !(modelsValue instanceof UnmodifiableConfig)) throw new RetortException(file + ": models must be a table ([models])");
        Map<String, Object> models = modelsValue == null ? null : ((UnmodifiableConfig) modelsValue).valueMap();
        if (models != null) {
            for (String k : models.keySet()) {
                if (!MODEL_KEYS.contains(k)) {
                    throw new RetortException(file + ": unknown key 'models." + k + "' (known: " + String.join(", ", new TreeSet<>(MODEL_KEYS)) + ")");
                }
            }
            entities.addAll(strings(models, "entities", file));
            for (String k : List.of("naming", "hibernate_dialect")) {
                String v = string(models, k, file, null);
                if (v != null) options.put(k, v);
            }
            classes.addAll(strings(models, "classes", file));
            classes.addAll(strings(models, "packages", file));
            strings(models, "sources", file).forEach(s -> sources.add(dir.resolve(s).normalize()));
            for (String s : strings(models, "classpath", file)) {
                for (String part : s.split(File.pathSeparator)) if (!part.isBlank()) classpath.add(dir.resolve(part).normalize());
            }
        }
        return new RetortConfig(dir,
                dir.resolve(string(toml, "script_location", file, "migrations")).normalize(),
                string(toml, "url", file, null),
                strings(toml, "schemas", file),
                strings(toml, "exclude_schemas", file),
                strings(toml, "include_tables", file),
                strings(toml, "exclude_tables", file),
                string(toml, "version_table", file, d.versionTable()),
                string(toml, "version_table_schema", file, null),
                bool(toml, "compare_type", file, true),
                bool(toml, "compare_server_default", file, true),
                tx,
                fileTemplate(string(toml, "file_template", file, DEFAULT_TEMPLATE), file),
                classes, sources, classpath, entities, options, seconds(toml, "lock_timeout", file, Duration.ofMinutes(5)),
                renderAsBatch(toml, file), seconds(toml, "connect_timeout", file, RetortConfig.DEFAULT_CONNECT_TIMEOUT),
                placeholders(toml, file), strings(toml, "callbacks", file), null, null, bool(toml, "safe_ddl", file, false),
                strings(toml, "post_write_hooks", file), bool(toml, "clean_enabled", file, false), bool(toml, "manage_grants", file, false),
                seconds(toml, "ddl_lock_timeout", file, RetortConfig.DEFAULT_DDL_LOCK_TIMEOUT), bool(toml, "allow_h2_init", file, false),
                lintGate(string(toml, "lint_gate", file, "error"), file));
    }

    /**
     * The line a TOML error is on, which the parser does not say: the line after the longest start of the file that
     * parses (a start that stops inside a multi-line value fails, one that stops after it does not).
     */
    static int errorLine(String text) {
        List<String> lines = text.lines().toList();
        int ok = 0;
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            prefix.append(lines.get(i)).append('\n');
            try {
                new TomlParser().parse(prefix.toString());
                ok = i + 1;
            } catch (ParsingException e) {
                // not yet whole, or wrong: later lines decide
            }
        }
        return Math.min(ok + 1, Math.max(lines.size(), 1));
    }

    /** [placeholders]: names to strings (numbers and booleans as written), for op.arg and ${name} in SQL revisions. */
    private Map<String, String> placeholders(Map<String, Object> t, Path file) {
        Object v = t.get("placeholders");
        if (v == null) return Map.of();
        if (!(v instanceof UnmodifiableConfig c)) throw new RetortException(file + ": placeholders must be a table ([placeholders])");
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, Object> e : c.valueMap().entrySet()) {
            Object value = e.getValue();
            if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                throw new RetortException(file + ": placeholders." + e.getKey() + " must be a string, a number or true/false");
            }
            out.put(e.getKey(), value instanceof String s ? interpolate(s, file, "placeholders." + e.getKey()) : String.valueOf(value));
        }
        return Map.copyOf(out);
    }

    /** render_as_batch: "auto" (the default: on for SQLite), true or false. */
    private static Boolean renderAsBatch(Map<String, Object> t, Path file) {
        Object v = t.get("render_as_batch");
        if (v == null || "auto".equals(v)) return null;
        if (v instanceof Boolean b) return b;
        throw new RetortException(file + ": render_as_batch must be \"auto\", true or false");
    }

    /** lint_gate: which lint findings stop an upgrade before it runs ({@code where}: the file or setting that gave it). */
    public static String lintGate(String v, Path file) {
        if (!List.of("error", "warning", "off").contains(v)) throw new RetortException(file + ": lint_gate must be \"error\", \"warning\" or \"off\", not \"" + v + "\"");
        return v;
    }

    /** The longest any timeout may be: a day (a larger number is a typo, or a wish for none, which 0 says where it is allowed). */
    static final long MAX_SECONDS = 86_400;

    /**
     * A number of seconds, fractions kept to the millisecond: lock_timeout (waiting for the migration lock, default
     * 300), connect_timeout (default 10, at least 1), ddl_lock_timeout (default 10, 0 for the server's own wait).
     */
    private static Duration seconds(Map<String, Object> t, String key, Path file, Duration dflt) {
        Object v = t.get(key);
        if (v == null) return dflt;
        double d = v instanceof Number n ? n.doubleValue() : Double.NaN;
        if (Double.isNaN(d) || d < 0 || d > MAX_SECONDS) {
            throw new RetortException(file + ": " + key + " must be a number of seconds from 0 to " + MAX_SECONDS);
        }
        if (key.equals("connect_timeout") && d < 1) throw new RetortException(file + ": connect_timeout must be at least 1 second");
        return Duration.ofMillis(Math.round(d * 1000));
    }

    /** The placeholders a file_template may use. */
    static final Set<String> TEMPLATE_FIELDS = Set.of("yyyy", "MM", "dd", "HH", "mm", "ss", "HHmm", "id", "slug");
    private static final Pattern FIELD = Pattern.compile("\\{([^{}]*)}");

    /**
     * A file_template names a file inside the revision folder (subfolders allowed), from known placeholders: a name
     * outside the folder would be a revision that heads and upgrade never see.
     */
    static String fileTemplate(String template, Path file) {
        String bad = file + ": file_template \"" + template + "\" ";
        if (template.isBlank()) throw new RetortException(bad + "is empty");
        Matcher m = FIELD.matcher(template);
        while (m.find()) {
            if (!TEMPLATE_FIELDS.contains(m.group(1))) {
                throw new RetortException(bad + "has an unknown placeholder {" + m.group(1) + "} (known: "
                        + String.join(", ", new TreeSet<>(TEMPLATE_FIELDS).stream().map(f -> "{" + f + "}").toList()) + ")");
            }
        }
        String rest = FIELD.matcher(template).replaceAll("x");
        if (rest.contains("{") || rest.contains("}")) throw new RetortException(bad + "has an unmatched brace");
        if (!template.contains("{id}")) throw new RetortException(bad + "must contain {id}, so that two revisions never get one file name");
        String path = template.replace('\\', '/');
        List<String> parts = Arrays.asList(path.split("/"));
        if (path.startsWith("/") || path.matches("^[A-Za-z]:.*") || parts.contains("..") || parts.contains(".") || path.contains("//")
                || path.endsWith("/")) {
            throw new RetortException(bad + "must name a file inside the revision folder (no absolute path, '.' or '..')");
        }
        return template;
    }

    private String string(Map<String, Object> t, String key, Path file, String dflt) {
        Object v = t.get(key);
        if (v == null) return dflt;
        if (!(v instanceof String s)) throw new RetortException(file + ": " + key + " must be a string");
        return interpolate(s, file, key);
    }

    private static boolean bool(Map<String, Object> t, String key, Path file, boolean dflt) {
        Object v = t.get(key);
        if (v == null) return dflt;
        if (!(v instanceof Boolean b)) throw new RetortException(file + ": " + key + " must be true or false");
        return b;
    }

    private List<String> strings(Map<String, Object> t, String key, Path file) {
        Object v = t.get(key);
        if (v == null) return List.of();
        if (v instanceof String s) {
            throw new RetortException(file + ": " + key + " must be a list of strings: write " + key + " = [\"" + s.replace("\"", "\\\"") + "\"]");
        }
        if (!(v instanceof List<?> a)) throw new RetortException(file + ": " + key + " must be a list of strings");
        List<String> out = new ArrayList<>();
        for (Object o : a) {
            if (!(o instanceof String s)) throw new RetortException(file + ": " + key + " must be a list of strings");
            out.add(interpolate(s, file, key));
        }
        return out;
    }

    String interpolate(String value, Path file, String key) {
        Matcher m = VAR.matcher(value);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = env.get(m.group(1));
            if (v == null) v = m.group(2);
            if (v == null) throw new RetortException(file + ": " + key + " uses ${" + m.group(1) + "}, which is not set");
            m.appendReplacement(b, Matcher.quoteReplacement(v));
        }
        m.appendTail(b);
        return b.toString();
    }
}
