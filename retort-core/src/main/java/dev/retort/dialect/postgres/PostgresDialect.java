package dev.retort.dialect.postgres;

import dev.retort.dialect.Skips;
import java.util.Optional;

import dev.retort.api.RetortException;
import dev.retort.dialect.SqlRenderer;
import dev.retort.dialect.VersionTables;
import dev.retort.schema.Domain;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.Supplier;
import dev.retort.portable.PortableExpressions;
import dev.retort.portable.PortableTypes;
import dev.retort.config.Sha256;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

public class PostgresDialect implements Dialect {
    /** Every kind: PostgreSQL makes and reads them all. */
    private static final java.util.Set<dev.retort.schema.SchemaObject.Kind> KINDS = java.util.EnumSet.allOf(dev.retort.schema.SchemaObject.Kind.class);

    @Override
    public java.util.Set<dev.retort.schema.SchemaObject.Kind> objectKinds() { return KINDS; }

    /** An identity's sequence options with PostgreSQL's defaults for the column's type left out (H2 has the same defaults). */
    public static dev.retort.schema.Column.Identity canonicalIdentity(dev.retort.schema.Column.Identity i, String columnType) {
        return PostgresTypes.canonicalIdentity(i, columnType);
    }

    private final PostgresRenderer renderer = new PostgresRenderer(this);
    private final PostgresInspector inspector = new PostgresInspector(this);

    @Override public String name() { return "postgresql"; }
    @Override public String defaultSchema() { return "public"; }
    @Override public boolean transactionalDdl() { return true; }

    @Override
    public Optional<String> setTimeout(Operation.SetTimeout t, boolean local) {
        return Optional.of("SET " + (local ? "LOCAL " : "") + setting(t.kind()) + " = " + literal(t.value().toMillis() + "ms"));
    }

    @Override public boolean unboundedLockWaits() { return true; }

    /** lock_timeout (55P03): the other sessions holding locks on tables outside the system schemas. */
    @Override
    public String lockWaitHolders(Connection c, SQLException e) throws SQLException {
        if (!"55P03".equals(e.getSQLState())) return null;
        List<String> held = new java.util.ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT a.pid, a.application_name, a.usename, a.state,"
                + " string_agg(DISTINCT n.nspname || '.' || cl.relname, ', ') FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                + " JOIN pg_class cl ON cl.oid = l.relation JOIN pg_namespace n ON n.oid = cl.relnamespace"
                + " WHERE l.granted AND l.locktype = 'relation' AND l.pid <> pg_backend_pid() AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
                + " AND n.nspname NOT LIKE 'pg_toast%' GROUP BY 1, 2, 3, 4 ORDER BY 1 LIMIT 3")) {
            while (rs.next()) {
                String app = rs.getString(2) == null || rs.getString(2).isBlank() ? "an unnamed client" : rs.getString(2);
                held.add("pid " + rs.getInt(1) + " (" + app + ", user " + rs.getString(3) + ", " + rs.getString(4) + ") holds a lock on " + rs.getString(5));
            }
        }
        return held.isEmpty() ? "the session that held the lock has let it go" : String.join("; ", held);
    }

    @Override
    public String resetTimeout(Operation.SetTimeout.Timeout kind) {
        return "RESET " + setting(kind);
    }

    private static String setting(Operation.SetTimeout.Timeout kind) { return kind == Operation.SetTimeout.Timeout.LOCK ? "lock_timeout" : "statement_timeout"; }

    @Override public boolean needsOwnCommits(Operation o) { return Operation.needsOwnCommits(o); }
    @Override public boolean multiStatements() { return true; }

    @Override public String relaxedCommit() { return "SET LOCAL synchronous_commit = off"; }

    @Override
    public String quote(String identifier) {
        // PostgreSQL would cut a longer name to 63 bytes without a word, and the schema would never compare equal
        if (identifier.length() > 21 && identifier.getBytes(StandardCharsets.UTF_8).length > 63) {
            throw new RetortException("name " + identifier + " is " + identifier.getBytes(StandardCharsets.UTF_8).length
                    + " bytes long; PostgreSQL allows 63 (and would cut it silently): give it a shorter name");
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public String literal(Object v) {
        String plain = Dialect.plainLiteral(v);
        if (plain != null) return plain;
        if (v instanceof byte[] bytes) return "'\\x" + HexFormat.of().formatHex(bytes) + "'::bytea";
        return "'" + v.toString().replace("'", "''") + "'";
    }

    @Override
    public String normalizeType(String type) {
        String builtin = PortableTypes.canonicalBuiltin(type);
        if (builtin != null) return builtin;
        String t = type.trim();
        if (!t.matches("[A-Za-z_\"][\\w\". ]*(\\[\\])*")) return t; // e.g. geometry(Point,4326): kept as written
        String arrays = "";
        while (t.endsWith("[]")) { arrays += "[]"; t = t.substring(0, t.length() - 2).trim(); }
        StringBuilder b = new StringBuilder();
        for (String part : PortableTypes.identifierParts(t)) {
            if (!b.isEmpty()) b.append('.');
            b.append(quote(part));
        }
        return b + arrays;
    }

    @Override
    public String displayType(String canonical) { return PortableTypes.display(canonical); }

    /** Whether columns can have an ON UPDATE value (H2 can; PostgreSQL cannot). */
    protected boolean hasOnUpdateValues() { return false; }

    @Override
    public Catalog normalize(Catalog declared) {
        Map<String, Schema> withComments = new HashMap<>();
        Map<String, Set<String>> enumSchemas = new HashMap<>();
        for (EnumType e : declared.enums()) enumSchemas.computeIfAbsent(e.name(), k -> new TreeSet<>()).add(e.schema());
        for (Schema s : declared.schemas().values()) {
            for (String d : s.domains().keySet()) enumSchemas.computeIfAbsent(d, k -> new TreeSet<>()).add(s.name());
        }
        Map<String, Schema> out = new HashMap<>();
        for (Schema s : declared.schemas().values()) {
            Map<String, Table> tables = new HashMap<>();
            for (Table t : s.tables().values()) {
                List<Column> cols = new ArrayList<>();
                // PostgreSQL has no ON UPDATE: the column is made without it (with a warning), so it is not compared
                for (Column c : t.columns()) {
                    Column typed = c.withType(resolveType(c.type(), t.schema(), enumSchemas));
                    typed = typed.withIdentity(PostgresTypes.canonicalIdentity(typed.identity(), typed.type()));
                    if (!hasOnUpdateValues() && c.onUpdateValue() != null) {
                        Skips.warnNoOnUpdate(name(), t.schema() + "." + t.name() + "." + c.name(), c.onUpdateValue());
                    }
                    cols.add(hasOnUpdateValues() ? typed : typed.withOnUpdateValue(null));
                }
                tables.put(t.name(), new Table(t.schema(), t.name(), cols, t.primaryKey(), t.uniques(), t.foreignKeys(), t.checks(), t.indexes(), t.comment(), t.partitionBy()));
            }
            // a domain's comment is compared as a comment object, as the catalog reads it
            boolean comments = objectKinds().contains(dev.retort.schema.SchemaObject.Kind.COMMENT);
            Map<String, Domain> domains = new HashMap<>();
            Map<String, dev.retort.schema.SchemaObject> objects = new HashMap<>(s.objects());
            s.domains().forEach((k, v) -> {
                domains.put(k, new Domain(v.schema(), v.name(), resolveType(v.baseType(), v.schema(), enumSchemas), v.notNull(), v.defaultExpr(),
                        v.collation(), v.checks(), comments ? null : v.comment()));
                if (comments && v.comment() != null) {
                    dev.retort.schema.SchemaObject c = dev.retort.schema.SchemaObject.of(dev.retort.schema.SchemaObject.Kind.COMMENT, v.schema(),
                            "DOMAIN " + v.name(), null, v.comment());
                    objects.put(c.key(), c);
                }
            });
            Map<String, Sequence> seqs = new HashMap<>();
            s.sequences().forEach((k, v) -> seqs.put(k, PostgresTypes.canonicalSequence(v)));
            out.put(s.name(), new Schema(s.name(), tables, seqs, s.enums(), domains));
            withComments.put(s.name(), s.withObjects(objects));
        }
        return Dialect.withObjects(this, new Catalog(withComments, declared.fromDatabase()), new Catalog(out, declared.fromDatabase()));
    }

    private String resolveType(String raw, String tableSchema, Map<String, Set<String>> enumSchemas) {
        String t = normalizeType(raw);
        // a built-in, a qualified name, or a spelling the dialect does not know (kept as written, for the database to judge)
        if (PortableTypes.canonicalBuiltin(raw) != null || t.contains("\".\"") || !t.startsWith("\"")) return t;
        String arrays = t.substring(t.lastIndexOf('"') + 1);
        String name = PortableTypes.identifierParts(raw.trim().replace("[]", ""))[0];
        Set<String> in = enumSchemas.getOrDefault(name, Set.of());
        String schema = in.contains(tableSchema) ? tableSchema : in.size() == 1 ? in.iterator().next() : defaultSchema();
        return quote(schema) + "." + quote(name) + arrays;
    }

    @Override
    public boolean sameExpression(String a, String b, boolean exact) {
        if (exact || a == null || b == null) return Objects.equals(a, b);
        return PortableExpressions.loose(a).equals(PortableExpressions.loose(b));
    }

    @Override
    public Catalog inspect(Connection connection, Filter filter) throws SQLException {
        return inspector.inspect(connection, filter);
    }

    @Override
    public Catalog inspect(Connection connection, Filter filter, Supplier<Connection> more) throws SQLException {
        return inspector.inspect(connection, filter, more);
    }

    @Override
    public List<String> render(Operation operation) {
        return renderer.render(operation);
    }

    private static final VersionTables VERSION_TABLES = new VersionTables(
            "bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "timestamp with time zone NOT NULL DEFAULT now()",
            "text NOT NULL DEFAULT current_user", orderedMap("started_at", "now()",
                    "duration_ms", "(extract(epoch from clock_timestamp() - now()) * 1000)::bigint"), null);

    static Map<String, String> orderedMap(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return Collections.unmodifiableMap(m);
    }

    @Override
    public VersionTables versionTables() { return VERSION_TABLES; }

    @Override
    public void connectionProperties(Properties p, String applicationName, int timeoutSeconds) {
        p.setProperty("ApplicationName", applicationName);
        // connectTimeout covers the TCP connect only; loginTimeout also a server that accepts and never answers
        p.setProperty("connectTimeout", String.valueOf(timeoutSeconds));
        p.setProperty("loginTimeout", String.valueOf(timeoutSeconds));
    }

    @Override
    public boolean sessionsOutliveClients() { return true; }

    /**
     * From PostgreSQL 14 a backend running a statement checks every second that its client is still there, so the
     * statements of a killed process stop soon rather than when they next send a result.
     */
    @Override
    public void afterConnect(Connection c) throws SQLException {
        if (c.getMetaData().getDatabaseMajorVersion() >= 14) {
            try (Statement s = c.createStatement()) {
                s.execute("SET client_connection_check_interval = 1000");
            }
        }
    }

    /** A session advisory lock keyed by the version table's name. */
    @Override
    public boolean tryLock(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, lockKey(name));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** "retort (pid 4242, host app-7) since 2026-11-25 10:15:02+00, database pid 8812", or "another session". */
    @Override
    public String lockHolder(Connection c, String name) throws SQLException {
        long key = lockKey(name);
        try (PreparedStatement ps = c.prepareStatement("SELECT a.application_name, a.pid, a.backend_start, a.client_addr FROM pg_locks l"
                + " JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted"
                + " AND l.classid = ((?::bigint >> 32) & 4294967295)::oid AND l.objid = (?::bigint & 4294967295)::oid AND l.objsubid = 1 LIMIT 1")) {
            ps.setLong(1, key);
            ps.setLong(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return "another session";
                String app = rs.getString(1) == null || rs.getString(1).isBlank() ? "an unnamed client" : rs.getString(1);
                return app + " since " + rs.getString(3) + ", database pid " + rs.getInt(2)
                        + (rs.getString(4) == null ? "" : " from " + rs.getString(4));
            }
        }
    }

    @Override
    public void unlock(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            ps.setLong(1, lockKey(name));
            ps.execute();
        }
    }

    /** A stable 64-bit key per version table, so projects sharing a database lock independently. */
    static long lockKey(String versionTable) {
        byte[] d = Sha256.of("retort:" + versionTable);
        long k = 0;
        for (int i = 0; i < 8; i++) k = (k << 8) | (d[i] & 0xff);
        return k;
    }

    @Override
    public List<String> cleanStatements(Connection c, String schema, java.util.Set<String> keep) throws SQLException {
        return PostgresClean.statements(c, this, schema, keep);
    }

    @Override
    public List<dev.retort.schema.Unrepresented> unrepresented(Connection c, dev.retort.dialect.Filter f) throws SQLException {
        return PostgresUnrepresented.read(c, f);
    }
}
