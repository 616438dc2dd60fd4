package dev.retort.dialect.mysql;

import dev.retort.api.RetortException;
import dev.retort.dialect.VersionTables;
import java.sql.DatabaseMetaData;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import dev.retort.config.Sha256;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.Filter;
import dev.retort.ops.Operation;
import dev.retort.ops.SchemaState;
import dev.retort.schema.Catalog;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.EnumType;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * MySQL and MariaDB (tested on MariaDB 10.11). A MySQL database serves as a schema: "public" is the database the URL
 * names, and any other schema is a database of that name on the same server. DDL commits as it runs, so revisions
 * run statement by statement with their progress recorded.
 *
 * <p>Types are written in PostgreSQL's spelling in models and revisions and mapped here (timestamptz to
 * {@code datetime(6)}, jsonb to {@code json}, boolean to {@code tinyint(1)}, text to {@code text}). Named enum types
 * become inline {@code enum(...)} column types, which is why rendering needs the schema the revision history implies.
 * What MySQL lacks: partial indexes (the predicate is dropped), deferrable constraints, sequences, domains, comments on
 * indexes; the primary key is always named PRIMARY.
 */
public final class MySqlDialect implements Dialect {
    private final MySqlRenderer renderer = new MySqlRenderer(this);
    private final String database;
    /** MariaDB rather than MySQL 8: what the server says once connected, until then what the URL's scheme says. */
    private volatile boolean mariadb;

    /**
     * {@code database}: the database the URL names, which is schema "public" (null when unknown, e.g. no URL);
     * {@code mariadb}: whether the URL names MariaDB ({@code mariadb://}, {@code jdbc:mariadb:}); a connection corrects it.
     */
    public MySqlDialect(String database, boolean mariadb) {
        this.database = database;
        this.mariadb = mariadb;
    }

    public MySqlDialect(String database) { this(database, false); }

    public MySqlDialect() { this(null); }

    /** Whether statements are written for MariaDB (else for MySQL 8, whose spelling differs in a few places). */
    public boolean mariadb() { return mariadb; }

    @Override public boolean unboundedLockWaits() { return true; }

    /** Lock wait timeout (1205): the other connections with an open transaction, which hold the metadata locks DDL waits for. */
    @Override
    public String lockWaitHolders(Connection c, SQLException e) throws SQLException {
        if (e.getErrorCode() != 1205) return null;
        List<String> held = new java.util.ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT p.ID, p.USER, p.HOST, p.COMMAND, p.TIME FROM information_schema.PROCESSLIST p"
                + " JOIN information_schema.INNODB_TRX t ON t.trx_mysql_thread_id = p.ID WHERE p.ID <> CONNECTION_ID() ORDER BY p.ID LIMIT 3")) {
            while (rs.next()) {
                held.add("connection " + rs.getLong(1) + " (user " + rs.getString(2) + " from " + rs.getString(3) + ", " + rs.getString(4)
                        + " for " + rs.getLong(5) + " s) has a transaction open");
            }
        }
        return held.isEmpty() ? "the session that held the lock has let it go" : String.join("; ", held);
    }

    /** lock_wait_timeout (whole seconds, at least 1); max_statement_time (MariaDB, seconds) or max_execution_time (MySQL, ms). */
    @Override
    public Optional<String> setTimeout(dev.retort.ops.Operation.SetTimeout t, boolean local) {
        if (t.kind() == dev.retort.ops.Operation.SetTimeout.Timeout.LOCK) {
            return Optional.of("SET SESSION lock_wait_timeout = " + Math.max(1, (t.value().toMillis() + 999) / 1000));
        }
        return Optional.of(mariadb ? "SET SESSION max_statement_time = " + t.value().toMillis() / 1000.0 : "SET SESSION max_execution_time = " + t.value().toMillis());
    }

    @Override
    public String resetTimeout(dev.retort.ops.Operation.SetTimeout.Timeout kind) {
        if (kind == dev.retort.ops.Operation.SetTimeout.Timeout.LOCK) return "SET SESSION lock_wait_timeout = DEFAULT";
        return mariadb ? "SET SESSION max_statement_time = DEFAULT" : "SET SESSION max_execution_time = DEFAULT";
    }

    /** The server names itself in the handshake: MariaDB reports "MariaDB" in its product name or version. */
    @Override
    public void afterConnect(Connection c) throws SQLException {
        mariadb = isMariaDb(c);
    }

    private static final String GUARD = "SET @retort_guard = (SELECT CONCAT('retort: refusing to drop database ', ";

    /**
     * A statement that fails (a subquery of more than one row; DO would discard it unread) when database {@code schema} holds a table the history
     * never made, a view, a routine or an event: MySQL's DROP SCHEMA would drop them too. It runs before the DROP,
     * online and in scripts; online, {@link #refusal} also runs its query before anything of the run, to name what is there.
     */
    static String dropGuard(String schema, Set<String> managed) {
        String s = Dialect.quotedLiteral(schema, true);
        String notManaged = managed.isEmpty() ? "" : " AND TABLE_NAME NOT IN ("
                + String.join(", ", managed.stream().map(t -> Dialect.quotedLiteral(t, true)).toList()) + ")";
        return GUARD + s + ") AS what"
                + "\n    UNION ALL SELECT CONCAT(IF(TABLE_TYPE = 'VIEW', 'view ', 'table '), TABLE_NAME) FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = " + s + notManaged
                + "\n    UNION ALL SELECT CONCAT(LOWER(ROUTINE_TYPE), ' ', ROUTINE_NAME) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = " + s
                + "\n    UNION ALL SELECT CONCAT('event ', EVENT_NAME) FROM information_schema.EVENTS WHERE EVENT_SCHEMA = " + s + ")";
    }

    /** A drop guard's objects, read before the run starts: the run is refused, with nothing changed, if there are any. */
    @Override public boolean isGuard(String statement) { return statement.startsWith(GUARD); }

    @Override
    public Optional<String> refusal(Connection c, String statement) throws SQLException {
        if (!isGuard(statement)) return Optional.empty();
        String query = statement.substring("SET @retort_guard = (".length(), statement.length() - 1);
        List<String> found = new ArrayList<>();
        String what = null;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                if (what == null) what = rs.getString(1).substring("retort: ".length());
                else found.add(rs.getString(1));
            }
        }
        if (found.isEmpty()) return Optional.empty();
        return Optional.of(what + " (MySQL's DROP SCHEMA drops the database"
                + " with everything in it): it holds what Retort does not manage: " + String.join(", ", found)
                + "; move or drop them by hand first, or take dropSchema out of the revision");
    }

    static boolean isMariaDb(Connection c) throws SQLException {
        DatabaseMetaData m = c.getMetaData();
        return (m.getDatabaseProductName() + " " + m.getDatabaseProductVersion()).toLowerCase(Locale.ROOT).contains("mariadb");
    }

    /**
     * A reference to a "public" table from a table in another database must name the URL's database: MySQL resolves
     * an unqualified REFERENCES in the referencing table's own database.
     */
    String qualifyFrom(String fromSchema, String schema, String name) {
        if (fromSchema == null || fromSchema.equals(defaultSchema()) || !(schema == null || schema.equals(defaultSchema()))) return qualify(schema, name);
        if (database == null) throw new IllegalArgumentException("a foreign key from schema " + fromSchema + " to public." + name
                + " must name the database that is schema public; give a URL with a database name");
        return quote(database) + "." + quote(name);
    }

    @Override public String name() { return "mysql"; }

    /** MySQL's client ends a statement at the first ';': one with ';' inside (a trigger's BEGIN ... END) goes between DELIMITERs. */
    @Override
    public String scriptStatement(String sql) { return sql.contains(";") ? "DELIMITER //\n" + sql + "\n//\nDELIMITER ;" : sql + ";"; }

    /** Views and triggers; MySQL's routines, events and partitioning are its own, and not modelled. */
    @Override
    public Set<dev.retort.schema.SchemaObject.Kind> objectKinds() { return Set.of(dev.retort.schema.SchemaObject.Kind.VIEW, dev.retort.schema.SchemaObject.Kind.TRIGGER); }

    /** Partitioned tables, routines and events: named, so that a diff or check does not lose them silently. */
    @Override
    public List<dev.retort.schema.Unrepresented> unrepresented(Connection c, dev.retort.dialect.Filter f) throws SQLException {
        return MySqlInspector.unrepresented(c, f);
    }
    @Override public String defaultSchema() { return "public"; }
    @Override public boolean transactionalDdl() { return false; }
    @Override public boolean needsSchemaState() { return true; }

    @Override
    public String quote(String identifier) {
        if (identifier.codePointCount(0, identifier.length()) > 64) {
            throw new RetortException("name " + identifier + " is " + identifier.codePointCount(0, identifier.length())
                    + " characters long; MySQL allows 64: give it a shorter name");
        }
        return '`' + identifier.replace("`", "``") + '`';
    }

    /** Objects in "public" are written unqualified: they live in the connection's own database. */
    @Override public boolean qualifiesDefaultSchema() { return false; }

    @Override
    public String literal(Object v) { return Dialect.quotedLiteral(v, true); }

    /** MySQL's spelling of a type given in PostgreSQL's (or MySQL's own) spelling, as information_schema reads it back. */
    @Override
    public String normalizeType(String type) { return MySqlTypes.normalize(type, mariadb); }

    /** MySQL's single-precision float as revisions write it: "real", since "float" alone means double precision in a model. */
    @Override
    public String displayType(String canonical) { return canonical.equals("float") ? "real" : canonical; }

    /** The declared catalog as MySQL keeps it: named enums inline, no partial indexes, the primary key named PRIMARY. */
    @Override
    public Catalog normalize(Catalog declared) {
        return Dialect.withObjects(this, declared, Dialect.tablesOnly(declared, this::keepable));
    }

    private Table keepable(Table t, Map<String, EnumType> enums) {
        List<Column> cols = new ArrayList<>();
        for (Column c : t.columns()) {
            EnumType e = MySqlTypes.enumFor(c.type(), t.schema(), enums);
            String type = e != null ? enumType(e.values()) : normalizeType(c.type());
            Column.Identity id = c.identity() == null ? null : new Column.Identity(false, null, null);
            cols.add(new Column(c.name(), type, c.nullable() && id == null, id == null ? c.defaultExpr() : null, id, c.generated(), c.collation(), c.comment(),
                    c.onUpdateValue()));
        }
        PrimaryKey pk = t.primaryKey() == null ? null : new PrimaryKey("PRIMARY", t.primaryKey().columns());
        List<UniqueConstraint> uniques = t.uniques().stream().map(u -> new UniqueConstraint(u.name(), u.columns(), false, false, false)).toList();
        List<ForeignKey> fks = t.foreignKeys().stream().map(f -> new ForeignKey(f.name(), f.columns(), f.refSchema(), f.refTable(), f.refColumns(),
                MySqlTypes.action(f.onDelete()), MySqlTypes.action(f.onUpdate()), false, false, false)).toList();
        List<CheckConstraint> checks = t.checks().stream().map(k -> new CheckConstraint(k.name(), k.expression())).toList();
        // MySQL's own index kinds stay (fulltext, spatial); PostgreSQL's access methods (gin, gist, ...) have no counterpart
        List<Index> indexes = t.indexes().stream().map(i -> new Index(i.name(), i.keys(), i.unique(), null, MySqlTypes.indexKind(i), List.of(), false, null)).toList();
        return new Table(t.schema(), t.name(), cols, pk, uniques, fks, checks, indexes, t.comment());
    }

    String enumType(List<String> values) { return MySqlTypes.enumType(values); }

    /** The column type to write: a named enum inline, from the schema the history implies; otherwise MySQL's spelling. */
    String columnType(String type, String schema, SchemaState state) {
        if (state != null) {
            Optional<EnumType> e = state.enumOf(type, schema);
            if (e.isPresent()) return enumType(e.get().values());
        }
        return normalizeType(type);
    }

    @Override
    public boolean sameExpression(String a, String b, boolean exact) {
        if (exact || a == null || b == null) return Objects.equals(a, b);
        return MySqlTypes.expressionKey(a).equals(MySqlTypes.expressionKey(b));
    }

    @Override
    public Catalog inspect(Connection connection, Filter filter) throws SQLException {
        mariadb = isMariaDb(connection);
        return new MySqlInspector(this, mariadb).inspect(connection, filter);
    }

    @Override
    public List<String> render(Operation operation) { return renderer.render(operation, null); }

    @Override
    public List<String> render(Operation operation, SchemaState before) { return renderer.render(operation, before); }

    /** MySQL measures no time inside a statement, so the duration is left empty; start time and user are the server's. */
    private static final VersionTables VERSION_TABLES;
    static {
        Map<String, String> measured = new LinkedHashMap<>();
        measured.put("db_user", "CURRENT_USER()");
        measured.put("started_at", "CURRENT_TIMESTAMP(6)");
        VERSION_TABLES = new VersionTables("bigint NOT NULL AUTO_INCREMENT PRIMARY KEY",
                "datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)", "varchar(300)", Collections.unmodifiableMap(measured),
                "TIMESTAMPDIFF(MICROSECOND, {started_at}, CURRENT_TIMESTAMP(6)) DIV 1000");
    }

    @Override
    public VersionTables versionTables() { return VERSION_TABLES; }

    @Override
    public boolean schemaExists(Connection c, String schema) throws SQLException {
        return schema == null || schema.equals(defaultSchema()) || anyRow(c, "SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", schema);
    }

    @Override
    public boolean tableExists(Connection c, String schema, String table) throws SQLException {
        boolean own = schema == null || schema.equals(defaultSchema());
        String sql = "SELECT 1 FROM information_schema.TABLES WHERE TABLE_NAME = ? AND TABLE_SCHEMA = " + (own ? "DATABASE()" : "?");
        return own ? anyRow(c, sql, table) : anyRow(c, sql, table, schema);
    }

    private static boolean anyRow(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setString(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public void connectionProperties(Properties p, String applicationName, int timeoutSeconds) {
        p.setProperty("connectTimeout", String.valueOf(timeoutSeconds * 1000L));
        p.setProperty("connectionAttributes", "program_name:" + applicationName.replaceAll("[,:]", ""));
    }

    // ---- the migration lock: GET_LOCK, a named lock the server releases when the session ends ----

    /**
     * Named locks are server-wide, so the name carries the URL's database, which is schema "public": projects in two
     * databases of one server lock independently. MySQL lock names are at most 64 characters: long ones are hashed.
     */
    String lockName(String name) {
        String n = "retort:" + (name.startsWith(defaultSchema() + ".") && database != null ? database + name.substring(defaultSchema().length()) : name);
        if (n.length() <= 64) return n;
        return "retort:" + Sha256.hex(Sha256.of(n)).substring(0, 40);
    }

    @Override
    public boolean sessionsOutliveClients() { return true; }

    @Override
    public boolean tryLock(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(?, 0)")) {
            ps.setString(1, lockName(name));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        }
    }

    /**
     * Who holds the lock: the holder's own word in the lock table when it is still the session holding the lock
     * ("retort (pid 4242, host app-7) since 2026-11-25 10:15:02, connection 31"), else what the process list says.
     * MySQL's process list knows neither the client's pid nor its program (those live in performance_schema, which
     * MariaDB leaves off), hence the table.
     */
    @Override
    public String lockHolder(Connection c, String name) throws SQLException {
        if (tableExists(c, lockSchema(name), lockTableName(name))) {
            try (PreparedStatement ps = c.prepareStatement("SELECT holder, since, connection_id FROM " + lockTable(name)
                    + " WHERE name = ? AND connection_id = IS_USED_LOCK(?)")) {
                ps.setString(1, name);
                ps.setString(2, lockName(name));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) return rs.getString(1) + " since " + rs.getString(2) + ", connection " + rs.getLong(3);
                }
            } catch (SQLException gone) {
                // a holder that recorded nothing took its word back (forgetHolder): the process list still tells
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT p.ID, p.USER, p.HOST, p.TIME FROM information_schema.PROCESSLIST p"
                + " WHERE p.ID = IS_USED_LOCK(?)")) {
            ps.setString(1, lockName(name));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return "another session";
                return "connection " + rs.getLong(1) + " of " + rs.getString(2) + " from " + rs.getString(3) + ", in its current state for " + rs.getLong(4) + "s";
            }
        }
    }

    /** The holder's word, for {@link #lockHolder}: one row per lock in {@code <version table>_lock}. */
    @Override
    public void noteHolder(Connection c, String name, String holder) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + lockTable(name) + " (name varchar(300) NOT NULL PRIMARY KEY, holder varchar(300),"
                    + " since datetime(6), connection_id bigint)");
        }
        try (PreparedStatement ps = c.prepareStatement("REPLACE INTO " + lockTable(name) + " (name, holder, since, connection_id)"
                + " VALUES (?, ?, CURRENT_TIMESTAMP(6), CONNECTION_ID())")) {
            ps.setString(1, name);
            ps.setString(2, holder);
            ps.executeUpdate();
        }
    }

    @Override
    public void forgetHolder(Connection c, String name) throws SQLException {
        if (tableExists(c, lockSchema(name), name.substring(name.indexOf('.') + 1))) return;
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + lockTable(name));
        }
    }

    @Override
    public List<String> lockTables(String versionTable) { return List.of(versionTable + "_lock"); }

    private static String lockSchema(String name) { return name.substring(0, name.indexOf('.')); }

    private static String lockTableName(String name) { return name.substring(name.indexOf('.') + 1) + "_lock"; }

    private String lockTable(String name) { return qualify(lockSchema(name), lockTableName(name)); }

    @Override
    public void unlock(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            ps.setString(1, lockName(name));
            ps.execute();
        }
    }

    @Override
    public List<String> cleanStatements(Connection c, String schema, java.util.Set<String> keep) throws SQLException {
        return MySqlClean.statements(c, this, schema, keep);
    }
}
