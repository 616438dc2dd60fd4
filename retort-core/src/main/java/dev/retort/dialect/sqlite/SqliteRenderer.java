package dev.retort.dialect.sqlite;

import dev.retort.dialect.SqlRenderer;
import dev.retort.ops.Operation;
import dev.retort.ops.Operation.*;
import dev.retort.ops.SchemaState;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.Constraint;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * SQLite's statements, with move and copy for what it cannot ALTER, against the schema the history implies.
 */
final class SqliteRenderer extends SqlRenderer {
    private final SqliteDialect lite;

    SqliteRenderer(SqliteDialect d) {
        super(d);
        this.lite = d;
    }

    @Override
    protected List<String> renderWithState(Operation op) {
        return op instanceof Batch b ? batch(b) : render(op);
    }

    @Override
    protected String type(String declared) {
        return declared.contains(".") || declared.contains("\"") ? "text" : d.displayType(d.normalizeType(declared));
    }

    @Override
    protected String expression(String sql) { return SqliteTypes.renderExpression(sql); }

    @Override
    protected void createSchema(CreateSchema o, List<String> out) {
        out.add("ATTACH DATABASE " + d.literal(lite.schemaFile(o.name())) + " AS " + d.quote(o.name()));
    }

    /**
     * SQLite cannot detach a database inside a transaction, and the revision's tables are gone by now: the empty file
     * stays, and connections no longer attach it (they attach only schema files that hold tables).
     */
    @Override
    protected void dropSchema(DropSchema o, List<String> out) { }

    @Override
    protected void createTable(Table t, List<String> out) {
        partitioning(t);
        out.add(createTableSql(t, d.qualify(t.schema(), t.name())));
        for (Index i : t.indexes()) out.add(createIndex(t.schema(), t.name(), i));
    }

    /** CREATE TABLE with every column and constraint; foreign keys to another schema are left out (SQLite cannot have them). */
    private String createTableSql(Table t, String qualifiedName) {
        List<String> parts = new ArrayList<>();
        Column rowid = rowidIdentity(t);
        for (Column c : t.columns()) {
            if (c == rowid) {
                parts.add(d.quote(c.name()) + " integer" + (c.nullable() ? "" : " NOT NULL") + " CONSTRAINT " + d.quote(t.primaryKey().name())
                        + " PRIMARY KEY AUTOINCREMENT");
            } else {
                parts.add(columnDefinition(c));
            }
        }
        for (Constraint c : t.constraints()) {
            if (c instanceof PrimaryKey && rowid != null) continue;
            if (c instanceof ForeignKey f && !Objects.equals(f.refSchema(), t.schema())) {
                SqliteDialect.warn("SQLite cannot reference another schema: foreign key {} of {}.{} to {}.{} is left out", f.name(), t.schema(), t.name(),
                        f.refSchema(), f.refTable());
                continue;
            }
            parts.add(constraint(c));
        }
        return "CREATE TABLE " + qualifiedName + " (\n    " + String.join(",\n    ", parts) + "\n)";
    }

    /** The identity column that is the whole primary key: SQLite's INTEGER PRIMARY KEY AUTOINCREMENT. */
    private static Column rowidIdentity(Table t) {
        if (t.primaryKey() == null || t.primaryKey().columns().size() != 1) return null;
        return t.columns().stream().filter(c -> c.identity() != null && c.name().equals(t.primaryKey().columns().get(0))).findFirst().orElse(null);
    }

    @Override
    protected String columnDefinition(Column c) {
        StringBuilder b = new StringBuilder(d.quote(c.name())).append(' ').append(c.identity() != null ? "integer" : type(c.type()));
        if (c.generated() != null) b.append(" GENERATED ALWAYS AS (").append(expression(c.generated())).append(") STORED");
        if (c.defaultExpr() != null) b.append(" DEFAULT ").append(defaultClause(c.defaultExpr()));
        b.append(onUpdateClause(c));
        if (!c.nullable()) b.append(" NOT NULL");
        return b.toString();
    }

    /** A default that is not a literal or a keyword goes in parentheses. */
    private String defaultClause(String expr) {
        String e = expression(expr);
        if (e.matches("(?i)-?[0-9.]+|'(?:[^']|'')*'|NULL|TRUE|FALSE|CURRENT_TIMESTAMP|CURRENT_DATE|CURRENT_TIME|X'[0-9a-fA-F]*'")) return e;
        return e.startsWith("(") ? e : "(" + e + ")";
    }

    @Override
    protected String constraint(Constraint c) {
        if (c instanceof ForeignKey f) {
            String cols = f.columns().stream().map(d::quote).collect(Collectors.joining(", "));
            String ref = f.refColumns().stream().map(d::quote).collect(Collectors.joining(", "));
            return "CONSTRAINT " + d.quote(f.name()) + " FOREIGN KEY (" + cols + ") REFERENCES " + d.quote(f.refTable()) + " (" + ref + ")"
                    + (f.onDelete() != null ? " ON DELETE " + f.onDelete() : "") + (f.onUpdate() != null ? " ON UPDATE " + f.onUpdate() : "")
                    + (f.deferrable() ? " DEFERRABLE INITIALLY " + (f.initiallyDeferred() ? "DEFERRED" : "IMMEDIATE") : "");
        }
        if (c instanceof UniqueConstraint u) {
            return "CONSTRAINT " + d.quote(u.name()) + " UNIQUE (" + u.columns().stream().map(d::quote).collect(Collectors.joining(", ")) + ")";
        }
        if (c instanceof CheckConstraint k) return "CONSTRAINT " + d.quote(k.name()) + " CHECK (" + expression(k.expression()) + ")";
        return super.constraint(c);
    }

    /** An index in an attached schema is named with the schema; its table is not. */
    @Override
    protected String createIndex(String schema, String table, Index i) {
        StringBuilder b = new StringBuilder("CREATE ");
        if (i.unique()) b.append("UNIQUE ");
        b.append("INDEX ").append(d.qualify(schema, i.name())).append(" ON ").append(d.quote(table));
        b.append(" (").append(i.keys().stream().map(this::indexKey).collect(Collectors.joining(", "))).append(')');
        if (i.where() != null) b.append(" WHERE ").append(expression(i.where()));
        return b.toString();
    }

    @Override
    protected void addColumn(AddColumn o, List<String> out) {
        Column c = o.column();
        boolean inPlace = c.identity() == null && c.generated() == null
                && (c.defaultExpr() == null || defaultClause(c.defaultExpr()).matches("(?i)-?[0-9.]+|'(?:[^']|'')*'|NULL|TRUE|FALSE"))
                && (c.nullable() || c.defaultExpr() != null);
        if (inPlace) out.add(alterTable(o.schema(), o.table()) + " ADD COLUMN " + columnDefinition(c));
        else rebuild(o.schema(), o.table(), List.of(o), out);
    }

    /** DROP COLUMN in place where SQLite allows it: the column is in no key, index, constraint or foreign key. */
    @Override
    protected void dropColumn(DropColumn o, List<String> out) {
        Table t = state.table(o.schema(), o.table()).orElse(null);
        boolean used = t == null || t.constraints().stream().anyMatch(c -> columnsOf(c).contains(o.name()))
                || t.indexes().stream().anyMatch(i -> i.keys().stream().anyMatch(k -> SchemaState.keyColumn(k).equals(o.name())) || i.where() != null)
                || !t.checks().isEmpty();
        if (!used) out.add(alterTable(o.schema(), o.table()) + " DROP COLUMN " + d.quote(o.name()));
        else rebuild(o.schema(), o.table(), List.of(o), out);
    }

    private static List<String> columnsOf(Constraint c) {
        if (c instanceof PrimaryKey p) return p.columns();
        if (c instanceof UniqueConstraint u) return u.columns();
        if (c instanceof ForeignKey f) return f.columns();
        return List.of();
    }

    @Override protected void alterColumn(AlterColumn o, List<String> out) { rebuild(o.schema(), o.table(), List.of(o), out); }

    @Override protected void addConstraint(AddConstraint o, List<String> out) { rebuild(o.schema(), o.table(), List.of(o), out); }

    @Override protected void dropConstraint(DropConstraint o, List<String> out) { rebuild(o.schema(), o.table(), List.of(o), out); }

    @Override protected void tableComment(SetTableComment o, List<String> out) { }

    @Override protected void createEnum(CreateEnum o, List<String> out) { }

    @Override protected void dropEnum(DropEnum o, List<String> out) { }

    @Override protected void addEnumValue(AddEnumValue o, List<String> out) { }

    @Override protected void recreateEnum(RecreateEnum o, List<String> out) { }

    @Override protected void dropIndex(DropIndex o, List<String> out) { out.add("DROP INDEX " + d.qualify(o.schema(), o.name())); }

    /** SQLite has neither sequences nor domains: every statement on one is refused, naming it. */
    @Override
    protected String lacksSequencesAndDomains() { return "SQLite"; }

    /** Several changes to one table: one rebuild when any of them needs it, else each in place. */
    private List<String> batch(Batch b) {
        List<String> out = new ArrayList<>();
        if (b.copyFrom() != null) {
            state = state.copy();
            state.assume(b.copyFrom());
        }
        boolean needsRebuild = b.operations().stream().anyMatch(o -> render(o).stream().anyMatch(SqliteRenderer::isRebuild));
        if (!needsRebuild) {
            SchemaState outer = state;
            state = outer.copy();
            try {
                for (Operation o : b.operations()) {
                    out.addAll(render(o));
                    state.apply(o);
                }
            } finally {
                state = outer;
            }
            return out;
        }
        rebuild(b.schema(), b.table(), b.operations(), out);
        return out;
    }

    /**
     * Move and copy: the new table under a temporary name, the rows of the columns both have (renamed ones by their old
     * names), the old table dropped, the new one renamed, then its indexes and the old table's triggers recreated (with
     * the indexes and triggers revisions made by raw SQL).
     * Views over the table stay as they are and read the rebuilt table.
     */
    private void rebuild(String schema, String table, List<Operation> ops, List<String> out) {
        Table before = state.table(schema, table).orElseThrow(() -> new IllegalArgumentException(
                "SQLite rebuilds " + schema + "." + table + " to change it, and the revision history does not define that table (created by raw SQL?):"
                        + " give its definition with op.batch(...).copyFrom(t -> ...)"));
        SchemaState scratch = state.copy();
        Map<String, String> source = new LinkedHashMap<>(); // new column name -> old column name
        for (Column c : before.columns()) source.put(c.name(), c.name());
        for (Operation o : ops) {
            if (o instanceof RenameColumn r) {
                String old = source.remove(r.from());
                if (old != null) source.put(r.to(), old);
            } else if (o instanceof DropColumn dc) {
                source.remove(dc.name());
            }
            scratch.apply(o);
        }
        Table after = scratch.table(schema, table).orElseThrow();
        String tmp = "_retort_new_" + table;
        out.add(createTableSql(after, d.qualify(schema, tmp)));
        List<String> copied = after.columns().stream().map(Column::name).filter(source::containsKey).toList();
        String into = copied.stream().map(d::quote).collect(Collectors.joining(", "));
        String from = copied.stream().map(c -> d.quote(source.get(c))).collect(Collectors.joining(", "));
        if (!copied.isEmpty()) {
            out.add("INSERT INTO " + d.qualify(schema, tmp) + " (" + into + ") SELECT " + from + " FROM " + d.qualify(schema, table));
        }
        if (rowidIdentity(after) != null) {
            // AUTOINCREMENT never reuses an id: the new table takes the old one's high-water mark, not its rows' largest id
            String sequence = d.qualify(schema, "sqlite_sequence");
            out.add("DELETE FROM " + sequence + " WHERE name = " + d.literal(tmp));
            out.add("INSERT INTO " + sequence + " (name, seq) SELECT " + d.literal(tmp) + ", seq FROM " + sequence + " WHERE name = " + d.literal(table));
        }
        out.add("DROP TABLE " + d.qualify(schema, table));
        // SQLite's own rename checks every view and trigger and fails on one that names the table just dropped; the
        // legacy rename leaves them be, and they name the rebuilt table again once it has the name
        out.add("PRAGMA legacy_alter_table = ON");
        out.add("ALTER TABLE " + d.qualify(schema, tmp) + " RENAME TO " + d.quote(table));
        out.add("PRAGMA legacy_alter_table = OFF");
        for (Index i : after.indexes()) out.add(createIndex(schema, table, i));
        out.addAll(scratch.rawObjects(schema, table));
    }

    static boolean isRebuild(String sql) { return sql.startsWith("CREATE TABLE ") && sql.contains("\"_retort_new_"); }
}
