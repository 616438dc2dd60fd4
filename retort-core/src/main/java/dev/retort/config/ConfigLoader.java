package dev.retort.config;

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
            "transaction_per", "file_template", "models", "lock_timeout", "render_as_batch");
    private static final Set<String> MODEL_KEYS = Set.of("classes", "packages", "sources", "classpath", "entities", "naming",
            "hibernate_dialect");

    private final Map<String, String> env;

    public ConfigLoader(Map<String, String> env) { this.env = env; }

    /** Loads {@code file} if it exists (an explicitly named file must exist), then applies the URL precedence. */
    public RetortConfig load(Path file, boolean explicit, String urlFlag) {
        Path f = file.toAbsolutePath().normalize();
        RetortConfig c;
        if (Files.exists(f)) c = parse(f);
        else if (explicit) throw new RetortException("config file " + file + " does not exist");
        else c = RetortConfig.defaults(f.getParent());
        String url = firstNonBlank(urlFlag, env.get("RETORT_URL"), env.get("DATABASE_URL"), c.url());
        return c.withUrl(url != null ? url : RetortConfig.embeddedUrl(c.projectDir()));
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) if (v != null && !v.isBlank()) return v;
        return null;
    }

    RetortConfig parse(Path file) {
        Map<String, Object> toml;
        try (java.io.Reader r = java.nio.file.Files.newBufferedReader(file)) {
            toml = new TomlParser().parse(r).valueMap();
        } catch (IOException e) {
            throw new RetortException(file + ": cannot read: " + e.getMessage());
        } catch (ParsingException e) {
            throw new RetortException(file + ": not valid TOML: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        for (String k : toml.keySet()) {
            if (!TOP_KEYS.contains(k)) throw new RetortException(file + ": unknown key '" + k + "' (known: " + String.join(", ", new java.util.TreeSet<>(TOP_KEYS)) + ")");
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
        Map<String, String> options = new java.util.TreeMap<>();
        Object modelsValue = toml.get("models");
        if (modelsValue != null && !(modelsValue instanceof UnmodifiableConfig)) throw new RetortException(file + ": models must be a table ([models])");
        Map<String, Object> models = modelsValue == null ? null : ((UnmodifiableConfig) modelsValue).valueMap();
        if (models != null) {
            for (String k : models.keySet()) {
                if (!MODEL_KEYS.contains(k)) {
                    throw new RetortException(file + ": unknown key 'models." + k + "' (known: " + String.join(", ", new java.util.TreeSet<>(MODEL_KEYS)) + ")");
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
                for (String part : s.split(java.io.File.pathSeparator)) if (!part.isBlank()) classpath.add(dir.resolve(part).normalize());
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
                string(toml, "file_template", file, DEFAULT_TEMPLATE),
                classes, sources, classpath, entities, options, lockTimeout(toml, file), renderAsBatch(toml, file));
    }

    /** render_as_batch: "auto" (the default: on for SQLite), true or false. */
    private static Boolean renderAsBatch(Map<String, Object> t, Path file) {
        Object v = t.get("render_as_batch");
        if (v == null || "auto".equals(v)) return null;
        if (v instanceof Boolean b) return b;
        throw new RetortException(file + ": render_as_batch must be \"auto\", true or false");
    }

    /** Seconds to wait for the migration lock (default 300). */
    private static java.time.Duration lockTimeout(Map<String, Object> t, Path file) {
        Object v = t.get("lock_timeout");
        if (v == null) return java.time.Duration.ofMinutes(5);
        if (!(v instanceof Number n) || n.longValue() < 0) throw new RetortException(file + ": lock_timeout must be a number of seconds");
        return java.time.Duration.ofSeconds(n.longValue());
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
        if (v instanceof String s) return List.of(interpolate(s, file, key));
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
