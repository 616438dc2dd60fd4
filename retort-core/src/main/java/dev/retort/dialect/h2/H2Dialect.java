package dev.retort.dialect.h2;

import dev.retort.dialect.VersionTables;
import dev.retort.ops.SchemaState;
import java.util.Properties;
import java.util.function.Supplier;
import dev.retort.dialect.Filter;
import dev.retort.dialect.postgres.PostgresDialect;
import dev.retort.ops.Operation;
import dev.retort.schema.Catalog;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.Schema;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import dev.retort.dialect.Dialect;

/**
 * H2 2.x, file or in memory, with names folding to lower case (the URL adds {@code DATABASE_TO_LOWER=TRUE}), so it
 * reads PostgreSQL's spelling of most types and statements: this dialect is PostgreSQL's with H2's catalog, its type
 * names, enums as {@code ENUM} domains, and what H2 cannot do. H2 commits DDL as it runs, so revisions run statement
 * by statement with their progress recorded, as on MySQL.
 *
 * <p>What H2 lacks and how it is handled: partial indexes (the predicate is dropped, so the index covers all rows),
 * index methods, INCLUDE columns and storage options (dropped), deferrable constraints (created immediate), changing
 * an enum's values (a new ENUM domain replaces the old one on every column the revision history says uses it).
 */
public final class H2Dialect extends PostgresDialect {
    private final H2Renderer renderer = new H2Renderer(this);

    @Override public String name() { return "h2"; }
    @Override public boolean transactionalDdl() { return false; }
    @Override public boolean multiStatements() { return false; }

    @Override public String relaxedCommit() { return null; }

    /** PostgreSQL's canonical spelling where H2 stores the same type; where it does not, the type H2 reads back. */
    @Override
    public String normalizeType(String type) {
        String own = H2Types.own(type);
        return own != null ? own : H2Types.canonical(super.normalizeType(type));
    }

    @Override
    protected boolean hasOnUpdateValues() { return true; }

    /** The declared catalog without what H2 cannot keep, so that it compares equal to what H2 reads back. */
    /** Views (compared as H2 spells them, made in a scratch in-memory database); its triggers are Java classes, not SQL. */
    @Override
    public java.util.Set<dev.retort.schema.SchemaObject.Kind> objectKinds() { return java.util.Set.of(dev.retort.schema.SchemaObject.Kind.VIEW); }

    @Override
    public Catalog normalize(Catalog declared) {
        Catalog c = super.normalize(declared);
        Map<String, Schema> out = new HashMap<>();
        for (Schema s : c.schemas().values()) {
            Map<String, Table> tables = new HashMap<>();
            for (Table t : s.tables().values()) tables.put(t.name(), keepable(t));
            out.put(s.name(), new Schema(s.name(), tables, Map.of(), s.enums(), Map.of(), s.objects()));
        }
        return new Catalog(out, c.fromDatabase());
    }

    static Table keepable(Table t) {
        List<Column> cols = new ArrayList<>();
        for (Column col : t.columns()) {
            // H2's catalog gives no identity CACHE to compare
            Column.Identity id = col.identity() == null ? null
                    : new Column.Identity(col.identity().always(), col.identity().start(), col.identity().increment(), col.identity().min(), col.identity().max());
            cols.add(new Column(col.name(), col.type(), col.nullable(), col.defaultExpr(), id, col.generated(), null, col.comment(),
                    col.onUpdateValue()));
        }
        List<UniqueConstraint> uniques = new ArrayList<>();
        for (UniqueConstraint u : t.uniques()) uniques.add(new UniqueConstraint(u.name(), u.columns(), false, false, false));
        List<ForeignKey> fks = new ArrayList<>();
        for (ForeignKey f : t.foreignKeys()) {
            fks.add(new ForeignKey(f.name(), f.columns(), f.refSchema(), f.refTable(), f.refColumns(), f.onDelete(), f.onUpdate(), false, false, false));
        }
        List<CheckConstraint> checks = new ArrayList<>();
        for (CheckConstraint k : t.checks()) checks.add(new CheckConstraint(k.name(), k.expression()));
        List<Index> indexes = new ArrayList<>();
        for (Index i : t.indexes()) indexes.add(new Index(i.name(), i.keys(), i.unique(), null, null, List.of(), false, null));
        return new Table(t.schema(), t.name(), cols, t.primaryKey(), uniques, fks, checks, indexes, t.comment());
    }

    /**
     * H2 rewrites expressions as it stores them: {@code JSON '{}'} for {@code '{}'::jsonb}, {@code CURRENT_TIMESTAMP}
     * for {@code now()}, and the terms of an OR or AND in an order of its own; the comparison allows for that.
     */
    /** H2 names an unnamed key or check CONSTRAINT_ and a hexadecimal number. */
    @Override
    public boolean generatedName(String name) { return name != null && name.matches("(?i)constraint_[0-9a-f]+"); }

    @Override
    public boolean sameExpression(String a, String b, boolean exact) {
        if (exact || a == null || b == null) return Objects.equals(a, b);
        return H2Types.expressionKey(a).equals(H2Types.expressionKey(b));
    }

    @Override
    public Catalog inspect(Connection connection, Filter filter) throws SQLException {
        return new H2Inspector(this).inspect(connection, filter);
    }

    @Override
    public Catalog inspect(Connection connection, Filter filter, Supplier<Connection> more) throws SQLException {
        return inspect(connection, filter);
    }

    @Override
    public List<String> render(Operation operation) {
        return renderer.render(operation, null);
    }

    /** H2 finds the columns of an enum whose values change in the schema the history implies. */
    @Override public boolean needsSchemaState() { return true; }

    @Override
    public List<String> render(Operation operation, SchemaState before) {
        return renderer.render(operation, before);
    }

    /** H2 measures no time inside a statement, so the duration is left empty; the start time is the database's. */
    private static final VersionTables VERSION_TABLES = new VersionTables(
            "bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP",
            "varchar(300) DEFAULT CURRENT_USER", Map.of("started_at", "CURRENT_TIMESTAMP"),
            "DATEDIFF(MILLISECOND, {started_at}, CURRENT_TIMESTAMP)");

    @Override
    public VersionTables versionTables() { return VERSION_TABLES; }

    @Override
    public void connectionProperties(Properties p, String applicationName, int timeoutSeconds) { }

    /** 90020: the file is locked by a process that opened it a moment ago and is starting the AUTO_SERVER to share it. */
    @Override
    public boolean retryConnect(SQLException e) { return e.getErrorCode() == 90020; }

    // ---- the migration lock: a row lock in a table of its own, held by an open transaction on the lock connection ----

    private String lockTable(String name) {
        int dot = name.indexOf('.');
        return qualify(name.substring(0, dot), name.substring(dot + 1) + "_lock");
    }

    /** Embedded: a session ends with its process. */
    @Override
    public boolean sessionsOutliveClients() { return false; }

    @Override
    public void afterConnect(Connection c) { }

    @Override
    public List<String> lockTables(String versionTable) { return List.of(versionTable + "_lock"); }

    @Override
    public boolean tryLock(Connection c, String name) throws SQLException {
        String table = lockTable(name);
        if (c.getAutoCommit()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS " + table + " (" + quote("name") + " varchar(200) PRIMARY KEY, "
                        + quote("since") + " timestamp with time zone)");
                s.execute("MERGE INTO " + table + " (" + quote("name") + ") KEY (" + quote("name") + ") VALUES (" + literal(name) + ")");
                s.execute("SET LOCK_TIMEOUT 50");
            }
            c.setAutoCommit(false);
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET " + quote("since") + " = CURRENT_TIMESTAMP WHERE "
                + quote("name") + " = ?")) {
            ps.setString(1, name);
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            c.rollback();
            if (e.getErrorCode() == 50200 || e.getErrorCode() == 40001) return false; // lock timeout, deadlock
            throw e;
        }
    }

    @Override
    public String lockHolder(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT SESSION_ID, USER_NAME, SESSION_START FROM INFORMATION_SCHEMA.SESSIONS"
                     + " WHERE CONTAINS_UNCOMMITTED AND SESSION_ID <> SESSION_ID() ORDER BY SESSION_START LIMIT 1")) {
            if (!rs.next()) return "another session";
            return "H2 session " + rs.getInt(1) + " of " + rs.getString(2) + " since " + rs.getString(3);
        }
    }

    @Override
    public void unlock(Connection c, String name) throws SQLException {
        if (!c.getAutoCommit()) {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    @Override
    public List<String> cleanStatements(Connection c, String schema, java.util.Set<String> keep) throws SQLException {
        return H2Clean.statements(c, this, schema, keep);
    }

    /** H2 has neither CONCURRENTLY nor NOT VALID: those operations run as their plain statements, in the revision's transaction. */
    @Override public boolean needsOwnCommits(Operation o) { return false; }

    /** LOCK_TIMEOUT and QUERY_TIMEOUT, in milliseconds, for the session. */
    @Override
    public java.util.Optional<String> setTimeout(Operation.SetTimeout t, boolean local) {
        return java.util.Optional.of((t.kind() == Operation.SetTimeout.Timeout.LOCK ? "SET LOCK_TIMEOUT " : "SET QUERY_TIMEOUT ") + t.value().toMillis());
    }

    private static final String GUARD = "SELECT CAST('retort: refusing to drop schema ' || ";
    private static final String GUARD_LIST = " || ', which holds what Retort does not manage: ' || LISTAGG(what, ', ') AS INT) FROM (";

    /**
     * A statement that fails (a text cast to a number) when schema {@code schema} holds a table or view the history never
     * made, and passes (the cast of NULL) when it holds none. It runs before DROP SCHEMA, in scripts and online, where
     * {@link #refusal} runs its query before anything of the run, since H2 commits each DDL statement as it goes.
     */
    static String dropGuard(String schema, java.util.Set<String> managed) {
        String s = Dialect.quotedLiteral(schema, false);
        String notManaged = managed.isEmpty() ? "" : " AND TABLE_NAME NOT IN ("
                + String.join(", ", managed.stream().map(t -> Dialect.quotedLiteral(t, false)).toList()) + ")";
        return GUARD + s + GUARD_LIST + "SELECT CASE WHEN TABLE_TYPE = 'VIEW' THEN 'view ' ELSE 'table ' END || TABLE_NAME AS what"
                + " FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = " + s + notManaged + ") g";
    }

    @Override public boolean isGuard(String statement) { return statement.startsWith(GUARD); }

    /** A drop guard's objects, read before the run starts: the run is refused, with nothing changed, if there are any. */
    @Override
    public Optional<String> refusal(Connection c, String statement) throws SQLException {
        if (!isGuard(statement)) return Optional.empty();
        String schema = statement.substring(GUARD.length(), statement.indexOf(GUARD_LIST));
        String query = statement.substring(statement.indexOf(GUARD_LIST) + GUARD_LIST.length(), statement.length() - ") g".length());
        List<String> found = new java.util.ArrayList<>();
        try (java.sql.Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery(query)) {
            while (rs.next()) found.add(rs.getString(1));
        }
        if (found.isEmpty()) return Optional.empty();
        return Optional.of("refusing to drop schema " + schema + " (H2 commits each statement, so a DROP SCHEMA that fails would leave the"
                + " downgrade half done): it holds what Retort does not manage: " + String.join(", ", found)
                + "; move or drop them by hand first, or take dropSchema out of the revision");
    }

    /** H2 waits LOCK_TIMEOUT, 10 s unless the URL says otherwise. */
    @Override public boolean unboundedLockWaits() { return false; }

    @Override
    public String resetTimeout(Operation.SetTimeout.Timeout kind) {
        return kind == Operation.SetTimeout.Timeout.LOCK ? "SET LOCK_TIMEOUT 10000" : "SET QUERY_TIMEOUT 0";
    }

    /** PostgreSQL's catalog queries for what Retort does not model do not apply; H2's catalog is not read for them. */
    @Override
    public List<dev.retort.schema.Unrepresented> unrepresented(Connection c, Filter f) throws SQLException {
        // H2's functions (aliases of Java methods) and triggers (Java classes) are Java, not SQL: named, not modelled
        List<dev.retort.schema.Unrepresented> out = new ArrayList<>();
        dev.retort.dialect.CatalogQuery.query(c, "SELECT ROUTINE_SCHEMA, ROUTINE_NAME, LOWER(ROUTINE_TYPE), NULL, NULL FROM INFORMATION_SCHEMA.ROUTINES"
                + " UNION ALL SELECT TRIGGER_SCHEMA, TRIGGER_NAME, 'trigger', EVENT_OBJECT_TABLE, JAVA_CLASS FROM INFORMATION_SCHEMA.TRIGGERS ORDER BY 1, 3, 2", rs -> {
            String schema = rs.getString(1), table = rs.getString(4);
            if (!f.includesSchema(schema) || table != null && !f.includesTable(schema, table)) return;
            out.add(new dev.retort.schema.Unrepresented(schema, rs.getString(2), rs.getString(3), table, rs.getString(5)));
        });
        return out;
    }
}
