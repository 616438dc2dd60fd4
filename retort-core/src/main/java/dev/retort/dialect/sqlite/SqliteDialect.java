package dev.retort.dialect.sqlite;

import dev.retort.dialect.Skips;
import dev.retort.api.RetortException;
import dev.retort.dialect.SqlRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.WeakHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.Filter;
import dev.retort.dialect.VersionTables;
import dev.retort.portable.PortableExpressions;
import dev.retort.portable.PortableTypes;
import dev.retort.ops.Operation;
import dev.retort.ops.SchemaState;
import dev.retort.schema.Catalog;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.EnumType;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.Schema;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * SQLite (the xerial driver). Schema "public" is the main database; another schema is an attached database, the
 * file {@code <main file without .db>.<schema>.db} beside the main one, attached on every connection that finds it.
 * SQLite cannot reference a table in another attached database, so foreign keys across schemas are left out (with a
 * warning) and compare ignores them.
 *
 * <p>What SQLite cannot ALTER in place (a column's type, nullability or default; adding or dropping a constraint;
 * dropping a column that an index or constraint uses) runs as move and copy: create the new table, copy the rows,
 * drop the old one, rename, recreate its indexes and triggers. Foreign keys stay valid because the table keeps its
 * name; Retort's connections turn {@code PRAGMA foreign_keys} off, as the rebuild requires.
 * Rendering uses the schema the revision history implies, so it works offline too. Named enums are {@code text};
 * comments, sequences and domains do not exist.
 */
public final class SqliteDialect implements Dialect {
    /** Views and triggers: SQLite keeps the statement that made each, so a model's compares with it as written. */
    @Override
    public java.util.Set<dev.retort.schema.SchemaObject.Kind> objectKinds() {
        return java.util.Set.of(dev.retort.schema.SchemaObject.Kind.VIEW, dev.retort.schema.SchemaObject.Kind.TRIGGER);
    }

    private static final Logger log = LoggerFactory.getLogger("dev.retort");
    private final SqliteRenderer renderer = new SqliteRenderer(this);
    private final String file;

    /** {@code file}: the main database file as the URL names it, or null for an in-memory database. */
    public SqliteDialect(String file) { this.file = file; }

    public SqliteDialect() { this(null); }

    @Override public String name() { return "sqlite"; }
    @Override public String defaultSchema() { return "public"; }
    @Override public boolean transactionalDdl() { return true; }
    @Override public boolean needsSchemaState() { return true; }
    @Override public boolean rendersBatches() { return true; }

    @Override public String quote(String identifier) { return '"' + identifier.replace("\"", "\"\"") + '"'; }

    /** Objects in "public" are written unqualified: they live in the connection's own database. */
    @Override public boolean qualifiesDefaultSchema() { return false; }

    @Override
    public String literal(Object v) { return Dialect.quotedLiteral(v, false); }

    /** SQLite keeps a column's declared type as written; both sides are compared in PostgreSQL's canonical spelling. */
    @Override
    public String normalizeType(String type) { return SqliteTypes.normalize(type); }

    /** Types are PostgreSQL's spellings here, shown in their short forms ("varchar(40)", "timestamptz"). */
    @Override
    public String displayType(String canonical) { return PortableTypes.display(canonical); }

    /** The file of an attached schema. */
    String schemaFile(String schema) {
        if (file == null || file.equals(":memory:") || file.isEmpty()) return ":memory:";
        String base = file.endsWith(".db") ? file.substring(0, file.length() - 3) : file;
        return base + "." + schema + ".db";
    }

    /** The declared catalog as SQLite keeps it. */
    @Override
    public Catalog normalize(Catalog declared) {
        return Dialect.withObjects(this, declared, Dialect.tablesOnly(declared, this::keepable));
    }

    Table keepable(Table t, Map<String, EnumType> enums) {
        List<Column> cols = new ArrayList<>();
        for (Column c : t.columns()) {
            if (c.onUpdateValue() != null) Skips.warnNoOnUpdate(name(), t.schema() + "." + t.name() + "." + c.name(), c.onUpdateValue());
            cols.add(keepable(c, t.schema(), enums::get));
        }
        List<UniqueConstraint> uniques = t.uniques().stream().map(u -> new UniqueConstraint(u.name(), u.columns(), false, false, false)).toList();
        List<ForeignKey> fks = t.foreignKeys().stream().filter(f -> Objects.equals(f.refSchema(), t.schema()))
                .map(f -> new ForeignKey(f.name(), f.columns(), f.refSchema(), f.refTable(), f.refColumns(), action(f.onDelete()),
                        action(f.onUpdate()), f.deferrable(), f.deferrable() && f.initiallyDeferred(), false)).toList();
        List<CheckConstraint> checks = t.checks().stream().map(k -> new CheckConstraint(k.name(), k.expression())).toList();
        List<Index> indexes = t.indexes().stream().map(i -> new Index(i.name(), i.keys(), i.unique(), i.where(), null, List.of(), false, null)).toList();
        return new Table(t.schema(), t.name(), cols, t.primaryKey(), uniques, fks, checks, indexes, null);
    }

    /** A column as SQLite keeps it: an identity is an INTEGER PRIMARY KEY AUTOINCREMENT; a named enum is text. */
    Column keepable(Column c, String schema, Function<String, EnumType> enums) {
        if (c.identity() != null) return new Column(c.name(), "integer", false, null, new Column.Identity(false, null, null), null, null, null);
        String t = c.type().replace("\"", "").trim();
        boolean isEnum = enums.apply(t.contains(".") ? t : schema + "." + t) != null;
        return new Column(c.name(), isEnum ? "text" : normalizeType(c.type()), c.nullable(), c.defaultExpr(), null, c.generated(), null, null);
    }

    static String action(String a) { return a == null || a.equalsIgnoreCase("NO ACTION") ? null : a.toUpperCase(Locale.ROOT); }

    @Override
    public boolean sameExpression(String a, String b, boolean exact) {
        if (exact || a == null || b == null) return Objects.equals(a, b);
        return PortableExpressions.loose(SqliteTypes.renderExpression(a)).equals(PortableExpressions.loose(SqliteTypes.renderExpression(b)));
    }

    @Override
    public Catalog inspect(Connection connection, Filter filter) throws SQLException {
        return new SqliteInspector(this).inspect(connection, filter);
    }

    /** Without the history's schema: an empty one, so changes to existing tables say the history does not define them. */
    @Override public List<String> render(Operation operation) { return renderer.render(operation, new SchemaState()); }

    @Override public List<String> render(Operation operation, SchemaState before) { return renderer.render(operation, before); }

    private static final VersionTables VERSION_TABLES = new VersionTables("integer PRIMARY KEY AUTOINCREMENT",
            "text NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))", "text",
            Map.of("started_at", "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"),
            "CAST(ROUND((julianday('now') - julianday({started_at})) * 86400000) AS INTEGER)");

    @Override public VersionTables versionTables() { return VERSION_TABLES; }

    /** Another schema is a file attached when it is there; one that is not yet is made by the run that needs it. */
    @Override
    public boolean schemaExists(Connection c, String schema) { return true; }

    @Override
    public boolean tableExists(Connection c, String schema, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + (schema.equals(defaultSchema()) ? "main" : quote(schema))
                + ".sqlite_master WHERE type = 'table' AND name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("unknown database")) return false;
            throw e;
        }
    }

    /**
     * Foreign keys off, whatever the URL asks ({@code ?foreign_keys=on}): a rebuild drops the old table, which with
     * them on deletes (or cascades to) the rows that reference it. SQLite ignores the setting inside a transaction,
     * so scripts set it before their first BEGIN.
     */
    @Override
    public List<String> sessionSettings() { return List.of("PRAGMA foreign_keys = OFF"); }

    /** Foreign keys off; attaches the schema files beside the main database that hold tables. */
    @Override
    public void afterConnect(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String setting : sessionSettings()) s.execute(setting);
        }
        if (file == null || file.equals(":memory:") || file.isEmpty()) return;
        File main = new File(file).getAbsoluteFile();
        String base = main.getName().endsWith(".db") ? main.getName().substring(0, main.getName().length() - 3) : main.getName();
        File[] siblings = main.getParentFile() == null ? null : main.getParentFile().listFiles();
        if (siblings == null) return;
        for (File f : siblings) {
            String n = f.getName();
            if (!n.startsWith(base + ".") || !n.endsWith(".db") || n.equals(main.getName())) continue;
            String schema = n.substring(base.length() + 1, n.length() - 3);
            if (schema.isEmpty() || schema.contains(".")) continue;
            try (Statement s = c.createStatement()) {
                s.execute("ATTACH DATABASE " + literal(f.getPath()) + " AS " + quote(schema));
                boolean empty;
                // SQLite's own tables (sqlite_sequence, left by AUTOINCREMENT after its table is dropped) do not count
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + quote(schema) + ".sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")) {
                    rs.next();
                    empty = rs.getInt(1) == 0;
                }
                if (empty) s.execute("DETACH DATABASE " + quote(schema));
            }
        }
    }

    // ---- the migration lock: an exclusive transaction on a lock file of its own, released by the OS when the process ends ----

    /** The lock file each lock connection opened, by its file key: see {@link #lockIsCurrent}. */
    private final Map<Connection, Object> lockFileKeys = Collections.synchronizedMap(new WeakHashMap<>());

    @Override
    public Connection openLockConnection(Supplier<Connection> open) { // a file of its own, not the database
        String lockFile = lockFile();
        try {
            Object before = fileKey(lockFile);
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + lockFile);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 0"); // the file is opened with the connection, before any lock
            }
            Object after = fileKey(lockFile);
            // the file this connection opened is the one at the path only if the path named it throughout; a holder
            // removing it and another process making a new one between the open and the second look (microseconds)
            // is the one case this does not see
            lockFileKeys.put(c, before == null || before.equals(after) ? after : new Object());
            return c;
        } catch (SQLException e) {
            throw new RetortException("cannot open the lock file " + lockFile + ": " + e.getMessage(), e);
        }
    }

    private static Object fileKey(String file) {
        if (file.equals(":memory:")) return "memory";
        try {
            return Files.readAttributes(Path.of(file), BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The holder removes the lock file as it finishes (below), while it still holds it; a process that was waiting on
     * that file then holds a lock on a file no longer there, so it must open the new one and lock again.
     */
    @Override
    public boolean lockIsCurrent(Connection c) {
        Object key = lockFileKeys.get(c);
        return key != null && key.equals(fileKey(lockFile()));
    }

    @Override
    public boolean tryLock(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN EXCLUSIVE");
            return true;
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("SQLITE_BUSY") || String.valueOf(e.getMessage()).contains("locked")) return false;
            if (String.valueOf(e.getMessage()).contains("SQLITE_NOTADB") && lockIsCurrent(c)) {
                // not a lock anyone can hold (a crash's leftover, or garbage): removed, and the caller locks a new file
                log.warn("The lock file {} is not an SQLite file (a leftover); replacing it", lockFile());
                try {
                    Files.deleteIfExists(Path.of(lockFile()));
                    Files.deleteIfExists(Path.of(lockFile() + ".holder"));
                } catch (IOException gone) {
                    throw e;
                }
                return false;
            }
            throw e;
        }
    }

    /** The file whose exclusive transaction is the lock: beside the database, or in memory for an in-memory database. */
    private String lockFile() {
        return file == null || file.equals(":memory:") || file.isEmpty() ? ":memory:" : file + ".retort-lock";
    }

    /** The holder's word from the file beside the lock file, or "another process" when it left none. */
    @Override
    public String lockHolder(Connection c, String name) {
        String lock = lockFile();
        try {
            Path note = Path.of(lock + ".holder");
            if (Files.isRegularFile(note)) return Files.readString(note).strip() + " (SQLite locks the file " + lock + ")";
        } catch (IOException | RuntimeException e) {
            // fall through: who it is is not known
        }
        return "another process (SQLite locks the file " + lock + ")";
    }

    /**
     * SQLite cannot say who holds a file lock, and a waiting process cannot read the lock file while it is held: the
     * holder writes "retort (pid 4242, host app-7) since ..." to {@code <database>.retort-lock.holder}, under a
     * temporary name and moved into place. A holder that dies leaves it behind, and the next one overwrites it.
     */
    @Override
    public void noteHolder(Connection c, String name, String holder) {
        if (lockFile().equals(":memory:")) return;
        Path note = Path.of(lockFile() + ".holder");
        Path tmp = Path.of(note + "." + ProcessHandle.current().pid());
        try {
            Files.writeString(tmp, holder + " since " + OffsetDateTime.now().withNano(0) + "\n");
            Files.move(tmp, note, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            log.debug("could not leave word of the lock holder in {}: {}", note, e.getMessage());
        }
    }

    /**
     * Removes the holder's note and the lock file while still holding the lock, so nothing is left beside the database
     * (a killed process leaves both; the next run takes them over), then releases it.
     */
    @Override
    public void unlock(Connection c, String name) throws SQLException {
        String lock = lockFile();
        if (!lock.equals(":memory:") && lockIsCurrent(c)) {
            try {
                Files.deleteIfExists(Path.of(lock + ".holder"));
                Files.deleteIfExists(Path.of(lock));
            } catch (IOException | RuntimeException e) {
                log.debug("could not remove the lock file {}: {}", lock, e.getMessage());
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("ROLLBACK");
        }
    }

    static void warn(String message, Object... args) { log.warn(message, args); }

    @Override
    public List<String> cleanStatements(Connection c, String schema, java.util.Set<String> keep) throws SQLException {
        return SqliteClean.statements(c, this, schema, keep);
    }
}
