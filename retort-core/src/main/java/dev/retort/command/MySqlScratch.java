package dev.retort.command;

import dev.retort.api.RetortException;
import dev.retort.config.DatabaseUrl;
import dev.retort.dialect.Dialect;
import dev.retort.dialects.Dialects;
import dev.retort.runtime.Connections;
import dev.retort.schema.Catalog;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Schema;
import dev.retort.schema.SchemaObject;
import dev.retort.schema.Table;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link ScratchDeparse} on MySQL and MariaDB, where a schema is a database of the server: the model cannot be made
 * under its own names beside the real ones. Each of its databases gets a scratch name instead: the URL's own
 * ("public") {@code retort_scratch_<epoch>_<hex>}, the others that name with {@code _s1}, {@code _s2}, ... The
 * models' view and trigger texts are made there with their database qualifiers ({@code stratsim.scenario}, and the
 * URL's database named outright) renamed to the scratch ones, outside string literals and comments; what the server
 * gives back is renamed the other way, so it reads as the real database's catalog does.
 *
 * <p>It needs CREATE and DROP on databases named {@code retort_scratch_%}; without them the comparison is refused,
 * naming the grant.
 */
final class MySqlScratch {
    private MySqlScratch() {}

    static Catalog apply(Project project, Dialect d, DatabaseUrl url, Catalog target) throws SQLException {
        long now = System.currentTimeMillis() / 1000;
        String base = "retort_scratch_" + now + "_" + HexFormat.of().formatHex(ScratchDeparse.RANDOM.generateSeed(4));
        Map<String, String> names = new LinkedHashMap<>(); // real database or schema -> scratch database
        int n = 0;
        for (String s : target.schemas().keySet().stream().sorted().toList()) {
            if (!s.equals(d.defaultSchema())) names.put(s, base + "_s" + ++n);
        }
        Map<String, String> qualifiers = new HashMap<>(names);
        if (url.database() != null) qualifiers.put(url.database(), base);
        try (Connection admin = Connections.open(url, d); Statement st = admin.createStatement()) {
            ScratchDeparse.dropStale(admin, d, now, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'retort\\_scratch\\_%'"
                    + " AND SCHEMA_NAME NOT IN (SELECT DB FROM information_schema.PROCESSLIST WHERE DB IS NOT NULL)");
            try {
                st.execute("CREATE DATABASE " + d.quote(base));
            } catch (SQLException e) {
                throw new RetortException("comparing the models' views and triggers needs scratch databases on " + url.server()
                        + ", and CREATE DATABASE failed: " + ScratchDeparse.firstLine(e) + " (grant CREATE and DROP on `retort\\_scratch\\_%`.* to "
                        + (url.user() == null ? "the user Retort logs in as" : url.user()) + ")");
            }
        }
        try {
            DatabaseUrl scratch = url.withDatabase(base);
            Dialect sd = Dialects.forUrl(scratch);
            Catalog made;
            try (Connection s = Connections.open(scratch, sd)) {
                ScratchDeparse.make(project, sd, s, renamed(target, names, sql -> rewrite(sql, qualifiers)));
                List<String> schemas = new ArrayList<>(List.of(d.defaultSchema()));
                schemas.addAll(names.values());
                made = sd.inspect(s, project.filter(sd).withSchemas(schemas));
            }
            Map<String, String> back = new LinkedHashMap<>();
            names.forEach((real, scratchName) -> back.put(scratchName, real));
            if (url.database() != null) back.put(base, url.database());
            return ScratchDeparse.withDeparse(target, renamedBack(made, back));
        } finally {
            try (Connection admin = Connections.open(url, d); Statement st = admin.createStatement()) {
                for (String db : names.values()) st.execute("DROP DATABASE IF EXISTS " + d.quote(db));
                st.execute("DROP DATABASE IF EXISTS " + d.quote(base));
            }
        }
    }

    /** The target under the scratch database names: tables, the schemas their foreign keys name, objects and their texts. */
    private static Catalog renamed(Catalog c, Map<String, String> names, java.util.function.UnaryOperator<String> text) {
        Map<String, Schema> out = new LinkedHashMap<>();
        for (Schema s : c.schemas().values()) {
            String to = names.getOrDefault(s.name(), s.name());
            Map<String, Table> tables = new LinkedHashMap<>();
            for (Table t : s.tables().values()) {
                List<ForeignKey> fks = t.foreignKeys().stream().map(f -> new ForeignKey(f.name(), f.columns(), names.getOrDefault(f.refSchema(), f.refSchema()),
                        f.refTable(), f.refColumns(), f.onDelete(), f.onUpdate(), f.deferrable(), f.initiallyDeferred(), f.matchFull())).toList();
                tables.put(t.name(), new Table(to, t.name(), t.columns(), t.primaryKey(), t.uniques(), fks, t.checks(), t.indexes(), t.comment(), t.partitionBy()));
            }
            Map<String, SchemaObject> objects = new LinkedHashMap<>();
            for (SchemaObject o : s.objects().values()) {
                objects.put(o.key(), new SchemaObject(o.kind(), to, o.name(), o.table(), o.definition() == null ? null : text.apply(o.definition()),
                        o.state(), o.dialects(), o.dependsOn(), o.columns(), null));
            }
            out.put(to, new Schema(to, tables, s.sequences(), s.enums(), s.domains(), objects));
        }
        return new Catalog(out, c.fromDatabase());
    }

    /** The scratch databases' objects under the real names, their texts renamed back (longest scratch name first). */
    private static Catalog renamedBack(Catalog made, Map<String, String> back) {
        List<String> order = back.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        Map<String, Schema> out = new HashMap<>();
        for (Schema s : made.schemas().values()) {
            String real = back.containsKey(s.name()) ? back.get(s.name()) : s.name();
            Map<String, SchemaObject> objects = new HashMap<>();
            for (SchemaObject o : s.objects().values()) {
                String def = o.definition();
                for (String from : order) if (def != null) def = def.replace(from, back.get(from));
                objects.put(o.key(), o.withDefinition(def));
            }
            out.put(real, new Schema(real, Map.of(), Map.of(), Map.of(), Map.of(), objects));
        }
        return new Catalog(out, true);
    }

    /**
     * The SQL with each database qualifier that {@code names} lists renamed: a bare or backquoted word followed by a
     * dot, outside string literals, double-quoted strings and comments; quoting is kept as written.
     */
    static String rewrite(String sql, Map<String, String> names) {
        StringBuilder out = new StringBuilder(sql.length() + 32);
        int i = 0, n = sql.length();
        while (i < n) {
            char ch = sql.charAt(i);
            int end;
            if (ch == '\'' || ch == '"') end = quoted(sql, i, ch);
            else if (ch == '-' && sql.startsWith("--", i) || ch == '#') end = lineEnd(sql, i);
            else if (ch == '/' && sql.startsWith("/*", i)) end = sql.indexOf("*/", i + 2) < 0 ? n : sql.indexOf("*/", i + 2) + 2;
            else if (ch == '`' || Character.isLetterOrDigit(ch) || ch == '_' || ch == '$') {
                boolean backquoted = ch == '`';
                end = backquoted ? quoted(sql, i, '`') : word(sql, i);
                String word = backquoted ? sql.substring(i + 1, Math.max(i + 1, end - 1)).replace("``", "`") : sql.substring(i, end);
                String to = names.get(word);
                if (to != null && followedByDot(sql, end) && !precededByDot(sql, i)) {
                    out.append(backquoted ? "`" + to + "`" : to);
                    i = end;
                    continue;
                }
            } else end = i + 1;
            out.append(sql, i, end);
            i = end;
        }
        return out.toString();
    }

    private static int quoted(String sql, int start, char q) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\' && q != '`') i += 2;
            else if (c == q && i + 1 < sql.length() && sql.charAt(i + 1) == q) i += 2;
            else if (c == q) return i + 1;
            else i++;
        }
        return sql.length();
    }

    private static int lineEnd(String sql, int start) {
        int nl = sql.indexOf('\n', start);
        return nl < 0 ? sql.length() : nl;
    }

    private static int word(String sql, int start) {
        int i = start;
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) i++;
        return i;
    }

    private static boolean followedByDot(String sql, int end) {
        int i = end;
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) i++;
        return i < sql.length() && sql.charAt(i) == '.';
    }

    private static boolean precededByDot(String sql, int start) {
        int i = start - 1;
        while (i >= 0 && Character.isWhitespace(sql.charAt(i))) i--;
        return i >= 0 && sql.charAt(i) == '.';
    }
}
