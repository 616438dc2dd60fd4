package dev.retort.dialect.postgres;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.Filter;
import dev.retort.ops.Operation;
import dev.retort.schema.Catalog;
import dev.retort.schema.Column;
import dev.retort.schema.EnumType;
import dev.retort.schema.Schema;
import dev.retort.schema.Sequence;
import dev.retort.schema.Table;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

public final class PostgresDialect implements Dialect {
    private final PostgresRenderer renderer = new PostgresRenderer(this);
    private final PostgresInspector inspector = new PostgresInspector(this);

    @Override public String name() { return "postgresql"; }
    @Override public String defaultSchema() { return "public"; }
    @Override public boolean transactionalDdl() { return true; }

    @Override
    public String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public String literal(Object v) {
        if (v == null) return "NULL";
        if (v instanceof Boolean b) return b ? "TRUE" : "FALSE";
        if (v instanceof Number n) {
            String s = n.toString();
            if (s.matches("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?")) return s;
            return "'" + s + "'";
        }
        if (v instanceof byte[] bytes) return "'\\x" + HexFormat.of().formatHex(bytes) + "'::bytea";
        if (v instanceof TemporalAccessor || v instanceof java.util.UUID) return "'" + v + "'";
        return "'" + v.toString().replace("'", "''") + "'";
    }

    @Override
    public String normalizeType(String type) {
        String builtin = PostgresTypes.canonicalBuiltin(type);
        if (builtin != null) return builtin;
        String t = type.trim();
        if (!t.matches("[A-Za-z_\"][\\w\". ]*(\\[\\])*")) return t; // e.g. geometry(Point,4326): kept as written
        String arrays = "";
        while (t.endsWith("[]")) { arrays += "[]"; t = t.substring(0, t.length() - 2).trim(); }
        StringBuilder b = new StringBuilder();
        for (String part : PostgresTypes.identifierParts(t)) {
            if (!b.isEmpty()) b.append('.');
            b.append(quote(part));
        }
        return b + arrays;
    }

    @Override
    public String displayType(String canonical) {
        String t = canonical
                .replaceAll("^character varying", "varchar")
                .replaceAll("^character\\(", "char(")
                .replaceAll("^timestamp with time zone", "timestamptz")
                .replaceAll("^timestamp\\((\\d+)\\) with time zone", "timestamptz($1)")
                .replaceAll("^timestamp without time zone", "timestamp")
                .replaceAll("^timestamp\\((\\d+)\\) without time zone", "timestamp($1)")
                .replaceAll("^time with time zone", "timetz")
                .replaceAll("^time without time zone", "time")
                .replaceAll("^time\\((\\d+)\\) without time zone", "time($1)");
        // "public"."mood" reads as public.mood when both parts need no quotes
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\"([a-z_][a-z0-9_]*)\"\\.\"([a-z_][a-z0-9_]*)\"(.*)$").matcher(t);
        return m.matches() ? m.group(1) + "." + m.group(2) + m.group(3) : t;
    }

    /** The SQL spelling of a type as declared or canonical: user types quoted, built-in ones canonical. */
    String renderType(String type) { return normalizeType(type); }

    @Override
    public Catalog normalize(Catalog declared) {
        Map<String, Set<String>> enumSchemas = new HashMap<>();
        for (EnumType e : declared.enums()) enumSchemas.computeIfAbsent(e.name(), k -> new java.util.TreeSet<>()).add(e.schema());
        for (Schema s : declared.schemas().values()) {
            for (String d : s.domains().keySet()) enumSchemas.computeIfAbsent(d, k -> new java.util.TreeSet<>()).add(s.name());
        }
        Map<String, Schema> out = new HashMap<>();
        for (Schema s : declared.schemas().values()) {
            Map<String, Table> tables = new HashMap<>();
            for (Table t : s.tables().values()) {
                List<Column> cols = new ArrayList<>();
                for (Column c : t.columns()) cols.add(c.withType(resolveType(c.type(), t.schema(), enumSchemas)));
                tables.put(t.name(), new Table(t.schema(), t.name(), cols, t.primaryKey(), t.uniques(), t.foreignKeys(), t.checks(), t.indexes(), t.comment()));
            }
            Map<String, dev.retort.schema.Domain> domains = new HashMap<>();
            s.domains().forEach((k, v) -> domains.put(k, new dev.retort.schema.Domain(v.schema(), v.name(),
                    resolveType(v.baseType(), v.schema(), enumSchemas), v.notNull(), v.defaultExpr(), v.collation(), v.checks(), v.comment())));
            Map<String, Sequence> seqs = new HashMap<>();
            s.sequences().forEach((k, v) -> seqs.put(k, canonicalSequence(v)));
            out.put(s.name(), new Schema(s.name(), tables, seqs, s.enums(), domains));
        }
        return new Catalog(out, declared.fromDatabase());
    }

    private String resolveType(String raw, String tableSchema, Map<String, Set<String>> enumSchemas) {
        String t = normalizeType(raw);
        if (PostgresTypes.canonicalBuiltin(raw) != null || t.contains("\".\"")) return t;
        String arrays = t.substring(t.lastIndexOf('"') + 1);
        String name = PostgresTypes.identifierParts(raw.trim().replace("[]", ""))[0];
        Set<String> in = enumSchemas.getOrDefault(name, Set.of());
        String schema = in.contains(tableSchema) ? tableSchema : in.size() == 1 ? in.iterator().next() : defaultSchema();
        return quote(schema) + "." + quote(name) + arrays;
    }

    /** Options equal to PostgreSQL's defaults become null, so declared and inspected sequences compare equal. */
    static Sequence canonicalSequence(Sequence s) {
        String type = s.type() == null ? "bigint" : PostgresTypes.canonicalBuiltin(s.type());
        long inc = s.increment() == null ? 1 : s.increment();
        long typeMax = switch (type) { case "smallint" -> Short.MAX_VALUE; case "integer" -> Integer.MAX_VALUE; default -> Long.MAX_VALUE; };
        long typeMin = switch (type) { case "smallint" -> Short.MIN_VALUE; case "integer" -> Integer.MIN_VALUE; default -> Long.MIN_VALUE; };
        long min = s.minValue() != null ? s.minValue() : inc > 0 ? 1 : typeMin;
        long max = s.maxValue() != null ? s.maxValue() : inc > 0 ? typeMax : -1;
        long start = s.start() != null ? s.start() : inc > 0 ? min : max;
        return new Sequence(s.schema(), s.name(), type.equals("bigint") ? null : type,
                start == (inc > 0 ? min : max) ? null : start, inc == 1 ? null : inc,
                min == (inc > 0 ? 1 : typeMin) ? null : min, max == (inc > 0 ? typeMax : -1) ? null : max,
                s.cache() == null || s.cache() == 1 ? null : s.cache(), s.cycle(), s.ownedBy());
    }

    @Override
    public boolean sameExpression(String a, String b, boolean exact) {
        if (exact || a == null || b == null) return Objects.equals(a, b);
        return PostgresDefaults.loose(a).equals(PostgresDefaults.loose(b));
    }

    @Override
    public Catalog inspect(Connection connection, Filter filter) throws SQLException {
        return inspector.inspect(connection, filter);
    }

    @Override
    public List<String> render(Operation operation) {
        return renderer.render(operation);
    }

    @Override
    public String historyInsert(String schema, String historyTable, String revision, String direction, String message, String checksum) {
        return "INSERT INTO " + qualify(schema, historyTable) + " (" + quote("revision") + ", " + quote("direction") + ", "
                + quote("message") + ", " + quote("checksum") + ", " + quote("started_at") + ", " + quote("duration_ms") + ") VALUES ("
                + literal(revision) + ", " + literal(direction) + ", " + literal(message) + ", " + literal(checksum)
                + ", now(), (extract(epoch from clock_timestamp() - now()) * 1000)::bigint)";
    }

    @Override
    public List<String> createVersionTables(String schema, String versionTable, String historyTable) {
        List<String> out = new ArrayList<>();
        if (!schema.equals(defaultSchema())) out.add("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
        out.add("CREATE TABLE IF NOT EXISTS " + qualify(schema, versionTable) + " (\n    "
                + quote("version_num") + " varchar(64) NOT NULL,\n    CONSTRAINT " + quote(versionTable + "_pkc")
                + " PRIMARY KEY (" + quote("version_num") + ")\n)");
        out.add("CREATE TABLE IF NOT EXISTS " + qualify(schema, historyTable) + " (\n    "
                + quote("id") + " bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,\n    "
                + quote("revision") + " varchar(64) NOT NULL,\n    "
                + quote("direction") + " varchar(16) NOT NULL,\n    "
                + quote("message") + " text,\n    "
                + quote("checksum") + " varchar(64),\n    "
                + quote("started_at") + " timestamp with time zone NOT NULL DEFAULT now(),\n    "
                + quote("duration_ms") + " bigint,\n    "
                + quote("db_user") + " text NOT NULL DEFAULT current_user\n)");
        return out;
    }
}
