package dev.retort.dialect;

import dev.retort.ops.SchemaState;
import dev.retort.schema.EnumType;
import dev.retort.schema.Schema;
import dev.retort.schema.SchemaObject;
import dev.retort.api.RetortException;
import dev.retort.schema.Table;
import java.sql.ResultSet;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BiFunction;
import dev.retort.ops.Operation;
import dev.retort.schema.Catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Supplier;

/**
 * Everything that differs between databases: reading the catalog, spelling types, rendering operations as SQL,
 * and what the database can do. One implementation per database.
 */
public interface Dialect {

    /** Short name used in URLs and messages: "postgresql". */
    String name();

    /** The schema unqualified names land in. */
    String defaultSchema();

    /** Whether DDL runs inside transactions (and rolls back with them). */
    boolean transactionalDdl();

    /**
     * Whether this database runs the operation as statements that must each commit on their own (PostgreSQL's
     * CREATE INDEX CONCURRENTLY, NOT VALID then VALIDATE, a stepwise NOT NULL column): a revision holding one then runs
     * statement by statement, outside a transaction, its progress tracked.
     */
    default boolean needsOwnCommits(Operation o) { return false; }

    /** The kinds of views, functions, triggers, ... ({@link dev.retort.schema.SchemaObject}) this database makes and reads. */
    default java.util.Set<dev.retort.schema.SchemaObject.Kind> objectKinds() { return java.util.Set.of(); }

    /**
     * The statement that sets a timeout for the rest of a revision: for its transaction ({@code local}), or for the
     * session until {@link #resetTimeout}; empty where the database has no such setting.
     */
    default Optional<String> setTimeout(Operation.SetTimeout t, boolean local) { return Optional.empty(); }

    /**
     * Whether a statement waits for ever for a lock another session holds unless told otherwise (PostgreSQL's
     * lock_timeout 0, MySQL's lock_wait_timeout of a year): there each revision sets ddl_lock_timeout first.
     */
    default boolean unboundedLockWaits() { return false; }

    /**
     * When {@code e} says a statement gave up waiting for a lock, the sessions holding locks in its way, in a few
     * words; null when {@code e} is another failure. Read on {@code c} after the failed transaction rolled back.
     */
    default String lockWaitHolders(Connection c, SQLException e) throws SQLException { return null; }

    /** The statement that puts a session timeout back to the server's default. */
    default String resetTimeout(Operation.SetTimeout.Timeout kind) { throw new UnsupportedOperationException("no timeouts on " + name()); }

    /**
     * Whether the driver runs every statement of a multi-statement string, so a revision can go in one round trip.
     * (SQLite's driver runs only the first one.)
     */
    default boolean multiStatements() { return false; }

    String quote(String identifier);

    /** Whether names in the default schema are written with it; MySQL and SQLite write them bare (it is the connection's own). */
    default boolean qualifiesDefaultSchema() { return true; }

    default String qualify(String schema, String name) {
        boolean bare = schema == null || !qualifiesDefaultSchema() && schema.equals(defaultSchema());
        return bare ? quote(name) : quote(schema) + "." + quote(name);
    }

    /** A Java value as an SQL literal: strings quoted and escaped, numbers and booleans as is, null as NULL. */
    String literal(Object value);

    /** The literal of null, a boolean, a number, a date or time, or a UUID, the same on every database; null for any other value. */
    static String plainLiteral(Object v) {
        if (v == null) return "NULL";
        if (v instanceof Boolean b) return b ? "TRUE" : "FALSE";
        if (v instanceof Number n) {
            String s = n.toString();
            return s.matches("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?") ? s : "'" + s + "'";
        }
        if (v instanceof TemporalAccessor || v instanceof UUID) return "'" + v + "'";
        return null;
    }

    /**
     * A literal as MySQL and SQLite write it: a plain one, bytes as {@code X'0a1b'}, text in single quotes doubled and,
     * where the database reads backslash escapes in strings (MySQL), backslashes doubled.
     */
    static String quotedLiteral(Object v, boolean backslashEscapes) {
        String plain = plainLiteral(v);
        if (plain != null) return plain;
        if (v instanceof byte[] bytes) return "X'" + HexFormat.of().formatHex(bytes) + "'";
        String text = backslashEscapes ? v.toString().replace("\\", "\\\\") : v.toString();
        return "'" + text.replace("'", "''") + "'";
    }

    /** A type's canonical spelling, so that equal types compare equal ("int4" and "integer"). */
    String normalizeType(String type);

    /** The usual short spelling of a canonical type, for generated revision code ("varchar(50)", "timestamptz"). */
    default String displayType(String canonical) { return canonical; }

    /** Canonical types, defaults and options on a catalog declared by models, so it compares with an inspected one. */
    Catalog normalize(Catalog declared);

    /**
     * {@code normalized} with the declared catalog's views, functions, triggers, ... this database makes, and without
     * PARTITION BY where it does not partition tables. Those declared for other databases only are left out, named in
     * one warning; one of a kind this database does not have, declared for every database, is refused by name.
     */
    static Catalog withObjects(Dialect d, Catalog declared, Catalog normalized) {
        List<String> skipped = new ArrayList<>();
        Map<String, Schema> out = new HashMap<>(normalized.schemas());
        for (Schema s : declared.schemas().values()) {
            Map<String, SchemaObject> kept = new HashMap<>();
            for (SchemaObject o : s.objects().values()) {
                if (!o.isFor(d.name())) {
                    skipped.add(o.describe());
                    continue;
                }
                String lacks = Skips.lacks(d, o);
                if (lacks != null) throw new RetortException(lacks);
                kept.put(o.key(), o);
            }
            Schema n = out.getOrDefault(s.name(), Schema.empty(s.name()));
            Map<String, Table> tables = new HashMap<>(n.tables());
            if (!d.objectKinds().contains(SchemaObject.Kind.PARTITION)) {
                tables.replaceAll((k, t) -> {
                    if (t.partitionBy() == null) return t;
                    Skips.warnNoPartitions(d.name(), t.schema() + "." + t.name(), t.partitionBy());
                    return t.withPartitionBy(null);
                });
            }
            out.put(s.name(), new Schema(s.name(), tables, n.sequences(), n.enums(), n.domains(), kept));
        }
        if (!skipped.isEmpty()) {
            org.slf4j.LoggerFactory.getLogger("dev.retort").warn("not on {} (declared for other databases only): {}", d.name(), String.join(", ", skipped));
        }
        return new Catalog(out, normalized.fromDatabase());
    }

    /**
     * A declared catalog reduced to its tables, each passed through {@code keep} with the declared enum types by
     * "schema.name": for databases without sequences, enum types or domains of their own (MySQL, SQLite).
     */
    static Catalog tablesOnly(Catalog declared, BiFunction<Table, Map<String, EnumType>,
            Table> keep) {
        Map<String, EnumType> enums = new HashMap<>();
        for (EnumType e : declared.enums()) enums.put(e.schema() + "." + e.name(), e);
        Map<String, Schema> out = new HashMap<>();
        for (Schema s : declared.schemas().values()) {
            Map<String, Table> tables = new HashMap<>();
            for (Table t : s.tables().values()) tables.put(t.name(), keep.apply(t, enums));
            out.put(s.name(), new Schema(s.name(), tables, Map.of(), Map.of(), Map.of()));
        }
        return new Catalog(out, declared.fromDatabase());
    }

    /**
     * Whether two SQL expressions (server defaults, check bodies, index keys and predicates) mean the same;
     * {@code exact} when both come from this database's catalog, so their spellings are the catalog's own.
     */
    boolean sameExpression(String a, String b, boolean exact);

    /** Reads the schemas (and tables) the filter admits from a live database. */
    Catalog inspect(Connection connection, Filter filter) throws SQLException;

    /**
     * The same, free to open more connections to the database from {@code more} and read in parallel (PostgreSQL does,
     * for large catalogs, within one snapshot).
     */
    default Catalog inspect(Connection connection, Filter filter, Supplier<Connection> more) throws SQLException {
        return inspect(connection, filter);
    }

    /** The statements that carry out one operation, in order, without trailing semicolons. */
    List<String> render(Operation operation);

    /**
     * Whether rendering needs the schema the revision history implies ({@link dev.retort.ops.SchemaState}): where
     * changing part of a column or table means restating it whole, or enums are spelled inline.
     */
    default boolean needsSchemaState() { return false; }

    /** Renders against the schema as it stands before the operation (when {@link #needsSchemaState()}). */
    default List<String> render(Operation operation, SchemaState before) { return render(operation); }

    /** Whether this dialect renders a {@link Operation.Batch} as one unit; otherwise its operations render one by one. */
    default boolean rendersBatches() { return false; }

    /**
     * Renders one operation of a sequence and moves {@code state} (null when the dialect needs none) past it; a batch
     * this dialect does not render as a unit is rendered operation by operation.
     */
    default List<String> renderStep(Operation o, SchemaState state) {
        if (o instanceof Operation.Batch b && !rendersBatches()) {
            if (state != null && b.copyFrom() != null) state.assume(b.copyFrom());
            List<String> out = new ArrayList<>();
            for (Operation inner : b.operations()) out.addAll(renderStep(inner, state));
            return out;
        }
        List<String> out = state == null ? render(o) : render(o, state);
        if (state != null) state.apply(o);
        return out;
    }

    /** The statements of several operations in order, starting from the given catalog (a diff's "from" side). */
    default List<String> renderAll(List<Operation> operations, Catalog from) {
        SchemaState state = needsSchemaState() ? SchemaState.of(from) : null;
        List<String> out = new ArrayList<>();
        for (Operation o : operations) out.addAll(renderStep(o, state));
        return out;
    }

    /**
     * Why a rendered statement must not run on this database as it stands (MySQL: a schema drop that would take objects
     * Retort does not manage with it), checked for every statement of a run before the first one runs; empty if it may.
     */
    default Optional<String> refusal(Connection c, String statement) throws SQLException { return Optional.empty(); }

    /**
     * Whether a rendered statement is a guard ({@link #refusal} reads it): offline scripts run every guard before their
     * first statement, so a refused script has changed nothing.
     */
    default boolean isGuard(String statement) { return false; }

    /** Whether a constraint name is one the database made up for a constraint created without a name (H2's CONSTRAINT_8A). */
    default boolean generatedName(String name) { return false; }

    /** How the version and history tables are spelled here. */
    VersionTables versionTables();

    /** Whether the table exists (the version table, before it is read). */
    /** Whether the database has the schema (on MySQL a database of the server; on SQLite an attached file). */
    default boolean schemaExists(Connection c, String schema) throws SQLException {
        try (ResultSet rs = c.getMetaData().getSchemas(null, schema)) {
            return rs.next();
        }
    }

    default boolean tableExists(Connection c, String schema, String table) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, schema, table, null)) {
            return rs.next();
        }
    }

    /**
     * Whether a failed connection attempt is worth repeating shortly (H2: the file is being opened by another process
     * that is starting its AUTO_SERVER).
     */
    default boolean retryConnect(SQLException e) { return false; }

    /** Runs on each new connection before use (SQLite attaches its schema files). */
    default void afterConnect(Connection c) throws SQLException { }

    /**
     * Settings a migration session needs, made on every connection ({@link #afterConnect}) and at the top of every
     * offline script, before its first transaction.
     */
    default List<String> sessionSettings() { return List.of(); }

    /**
     * Driver properties for Retort's connections, beside user and password: how the session names itself, and the
     * driver's own connect and login timeouts ({@code connect_timeout}; Retort also stops waiting after it whatever the driver does).
     */
    default void connectionProperties(Properties p, String applicationName, int timeoutSeconds) { }

    // ---- transactions inside one round trip (where multiStatements() is true) ----

    default String beginStatement() { return "BEGIN"; }

    default String commitStatement() { return "COMMIT"; }

    /** A statement as an offline script writes it, for the database's own client to run: ended by ';'. */
    default String scriptStatement(String sql) { return sql + ";"; }

    default String rollbackStatement() { return "ROLLBACK"; }

    /**
     * A statement that lets the transaction it opens commit without waiting for its WAL to reach the disk, or null.
     * A run's revisions but its last are committed so: a crash of the server can then lose the last few, each whole
     * with its version-table row (the database stays consistent and the next run applies them again), and the last
     * commit, which waits, makes all of them durable before the run reports success.
     */
    default String relaxedCommit() { return null; }

    default String savepoint(String name) { return "SAVEPOINT " + quote(name); }

    default String rollbackToSavepoint(String name) { return "ROLLBACK TO SAVEPOINT " + quote(name); }

    /** Statements as one string the driver sends in one round trip; a newline before each separator ends a trailing line comment. */
    default String script(List<String> statements) { return String.join("\n;\n", statements); }

    // ---- the migration lock: taken on a connection of its own, released by the database when that session ends ----

    /** The connection the migration lock lives on: by default one more of Retort's connections ({@code open}). */
    default Connection openLockConnection(Supplier<Connection> open) {
        return open.get();
    }

    /** Takes the lock named {@code name} without waiting; false when another session holds it. */
    boolean tryLock(Connection c, String name) throws SQLException;

    /** Who holds the lock, for the waiting process's log: application, pid, since when; or "another session". */
    String lockHolder(Connection c, String name) throws SQLException;

    void unlock(Connection c, String name) throws SQLException;

    /** Whether a lock just taken on {@code c} is still the lock (SQLite: its lock file was not removed meanwhile). */
    default boolean lockIsCurrent(Connection c) { return true; }

    /**
     * Leaves word of who holds the lock just taken ({@code holder}: "retort (pid 4242, host app-7)"), where the database
     * cannot tell a waiting process itself ({@link #lockHolder} reads it back).
     */
    default void noteHolder(Connection c, String name, String holder) throws SQLException { }

    /**
     * Takes back the word {@link #noteHolder} left, while the lock is still held, when the run recorded nothing (the
     * version table {@code name} is not there): a refused first run leaves the database as it found it.
     */
    default void forgetHolder(Connection c, String name) throws SQLException { }

    /**
     * Whether a session can outlive its client. A database server keeps running a killed process's last statements
     * until it notices the client is gone, while the idle lock session ends at once; so where this is true the working
     * connection also holds a lock ({@code MigrationLock.fence}) that the next run waits for.
     */
    default boolean sessionsOutliveClients() { return false; }

    /** Tables the lock itself keeps (where the database has no named locks), which compare leaves alone. */
    default List<String> lockTables(String versionTable) { return List.of(); }

    /**
     * What the managed schemas hold that the schema model does not (PostgreSQL: views, materialized views, routines,
     * triggers, policies, partitioned tables and partitions, exclusion constraints), so that check and diff name it.
     */
    default List<dev.retort.schema.Unrepresented> unrepresented(Connection c, Filter f) throws SQLException { return List.of(); }

    /**
     * The statements that drop every object in a schema (tables, views, sequences, types, routines: what the database
     * has), keeping the schema itself and leaving out what extensions own and the tables {@code keep} names
     * ("schema.table": the migration lock's).
     */
    List<String> cleanStatements(Connection c, String schema, java.util.Set<String> keep) throws SQLException;
}
