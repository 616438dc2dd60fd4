package dev.retort.dialect.mysql;

import dev.retort.schema.CheckConstraint;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import dev.retort.dialect.SqlRenderer;
import dev.retort.ops.Operation.*;
import dev.retort.ops.SchemaState;
import dev.retort.schema.Column;
import dev.retort.schema.Constraint;
import dev.retort.schema.EnumType;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/** PostgreSQL's operations in MySQL's statements, against the schema the history implies where MySQL needs it. */
final class MySqlRenderer extends SqlRenderer {
    private static final Logger log = LoggerFactory.getLogger("dev.retort");
    private final MySqlDialect my;
    private String schema; // the schema of the table being rendered, for enum names without one
    /** Types MySQL keeps off the row: indexed by a prefix, and (on MySQL 8) given defaults only as expressions. */
    private static final Pattern WIDE = Pattern.compile("(tiny|medium|long)?(text|blob)|json");

    MySqlRenderer(MySqlDialect d) {
        super(d);
        this.my = d;
    }

    @Override
    protected String type(String declared) { return my.columnType(declared, schema == null ? "public" : schema, state); }

    @Override
    protected String expression(String sql) { return MySqlTypes.renderExpression(sql); }

    @Override
    protected void createSchema(CreateSchema o, List<String> out) { out.add("CREATE SCHEMA " + d.quote(o.name())); }

    /** A view is replaced in one statement, whatever its columns become. */
    @Override
    protected void replaceObject(dev.retort.schema.SchemaObject from, dev.retort.schema.SchemaObject to, List<String> out) {
        if (to.kind() == dev.retort.schema.SchemaObject.Kind.VIEW) out.add(createView("CREATE OR REPLACE ", to));
        else super.replaceObject(from, to, out);
    }

    /** A view with its characteristics (ALGORITHM, SQL SECURITY) where they are not the defaults. */
    @Override
    protected void createObject(dev.retort.schema.SchemaObject o, List<String> out) {
        if (o.kind() == dev.retort.schema.SchemaObject.Kind.VIEW) out.add(createView("CREATE ", o));
        else super.createObject(o, out);
    }

    private String createView(String create, dev.retort.schema.SchemaObject o) {
        return create + (o.state() == null ? "" : o.state() + " ") + "VIEW " + d.qualify(o.schema(), o.name()) + " AS " + o.definition();
    }

    /** MySQL's DROP SCHEMA drops a whole database with whatever is in it: only after its guard ({@link MySqlDialect#dropGuard}). */
    @Override
    protected void dropSchema(DropSchema o, List<String> out) {
        out.add(MySqlDialect.dropGuard(o.name(), state == null ? Set.of() : state.knownTables(o.name())));
        out.add("DROP SCHEMA " + d.quote(o.name()));
    }

    @Override
    protected void createTable(Table t, List<String> out) {
        schema = t.schema();
        partitioning(t);
        List<String> parts = new ArrayList<>();
        for (Column c : t.columns()) parts.add(columnDefinition(c));
        for (Constraint c : t.constraints()) parts.add(constraint(c));
        for (Index i : t.indexes()) {
            warnPartial(t.schema(), t.name(), i);
            parts.add(indexPrefix(i) + "INDEX " + d.quote(i.name()) + " (" + keys(i, t.columns()) + ")");
        }
        out.add("CREATE TABLE " + d.qualify(t.schema(), t.name()) + " (\n    " + String.join(",\n    ", parts) + "\n)"
                + (t.comment() != null ? " COMMENT = " + d.literal(t.comment()) : ""));
    }

    private List<Column> columnsOf(String table) {
        return state == null ? List.of() : state.table(schema, table).map(Table::columns).orElse(List.of());
    }

    /**
     * MySQL indexes text and blob columns only by a prefix: such a key gets the first 255 characters, which the
     * inspector reads back as the column itself.
     */
    private String keys(Index i, List<Column> columns) {
        List<String> out = new ArrayList<>();
        for (String k : i.keys()) {
            String rendered = indexKey(k);
            String col = SchemaState.keyColumn(k);
            boolean wide = columns.stream().anyMatch(c -> c.name().equals(col) && WIDE.matcher(my.columnType(c.type(), schema, state)).matches());
            boolean prefixed = wide && MySqlTypes.indexKind(i) == null; // a full-text or spatial key takes the whole column
            out.add(prefixed && !rendered.contains("(") ? rendered.replaceFirst("^(`(?:[^`]|``)*`)", "$1(255)") : rendered);
        }
        return String.join(", ", out);
    }

    /** UNIQUE, FULLTEXT or SPATIAL before INDEX. */
    private static String indexPrefix(Index i) {
        String kind = MySqlTypes.indexKind(i);
        return kind != null ? kind.toUpperCase(Locale.ROOT) + " " : i.unique() ? "UNIQUE " : "";
    }

    private static void warnPartial(String schema, String table, Index i) {
        if (i.where() != null) log.warn("MySQL has no partial indexes: index {} on {}.{} covers all rows (WHERE {} dropped)", i.name(), schema, table, i.where());
    }

    /**
     * MySQL 8 takes a default on a text, blob or json column only as an expression in parentheses; MariaDB takes the
     * plain literal and reads it back as written.
     */
    @Override
    protected String columnDefinition(Column c) {
        String type = type(c.type());
        StringBuilder b = new StringBuilder(d.quote(c.name())).append(' ').append(type);
        if (c.collation() != null) b.append(" COLLATE ").append(d.quote(c.collation()));
        if (c.generated() != null) b.append(" GENERATED ALWAYS AS (").append(expression(c.generated())).append(") STORED");
        if (!c.nullable() || c.identity() != null) b.append(" NOT NULL");
        if (c.identity() != null) b.append(" AUTO_INCREMENT");
        else if (c.defaultExpr() != null && !my.mariadb() && WIDE.matcher(type).matches()) b.append(" DEFAULT (").append(expression(c.defaultExpr())).append(')');
        else if (c.defaultExpr() != null) b.append(" DEFAULT ").append(expression(c.defaultExpr()));
        if (c.onUpdateValue() != null) b.append(" ON UPDATE ").append(expression(c.onUpdateValue()));
        if (c.comment() != null) b.append(" COMMENT ").append(d.literal(c.comment()));
        return b.toString();
    }

    @Override
    protected String constraint(Constraint c) {
        if (c instanceof PrimaryKey p) return "PRIMARY KEY (" + columns(p.columns()) + ")";
        if (c instanceof UniqueConstraint u) return "CONSTRAINT " + d.quote(u.name()) + " UNIQUE (" + columns(u.columns()) + ")";
        if (c instanceof ForeignKey f) {
            return "CONSTRAINT " + d.quote(f.name()) + " FOREIGN KEY (" + columns(f.columns()) + ") REFERENCES " + my.qualifyFrom(schema, f.refSchema(), f.refTable())
                    + " (" + columns(f.refColumns()) + ")" + (f.onDelete() != null ? " ON DELETE " + f.onDelete() : "")
                    + (f.onUpdate() != null ? " ON UPDATE " + f.onUpdate() : "");
        }
        CheckConstraint k = (CheckConstraint) c;
        return "CONSTRAINT " + d.quote(k.name()) + " CHECK (" + expression(k.expression()) + ")";
    }

    @Override
    protected void addColumn(AddColumn o, List<String> out) {
        schema = o.schema();
        out.add(alterTable(o.schema(), o.table()) + " ADD COLUMN " + columnDefinition(o.column()));
    }

    @Override
    protected String createIndex(String schema, String table, Index i) {
        warnPartial(schema, table, i);
        this.schema = schema;
        return "CREATE " + indexPrefix(i) + "INDEX " + d.quote(i.name()) + " ON " + d.qualify(schema, table)
                + " (" + keys(i, columnsOf(table)) + ")";
    }

    @Override
    protected void dropIndex(DropIndex o, List<String> out) {
        String table = o.table();
        if (table == null && state != null) {
            for (String t : tablesWithIndex(o.schema(), o.name())) table = t;
        }
        if (table == null) throw new IllegalArgumentException("MySQL drops an index through its table: name the table of index " + o.name());
        out.add("DROP INDEX " + d.quote(o.name()) + " ON " + d.qualify(o.schema(), table));
    }

    private List<String> tablesWithIndex(String schema, String index) {
        return state.tables().stream().filter(t -> t.schema().equals(schema) && t.indexes().stream().anyMatch(i -> i.name().equals(index)))
                .map(Table::name).toList();
    }

    @Override
    protected void addConstraint(AddConstraint o, List<String> out) {
        schema = o.schema();
        out.add(alterTable(o.schema(), o.table()) + " ADD " + constraint(o.constraint()));
    }

    /**
     * A foreign key is dropped with DROP FOREIGN KEY, and the index MySQL made for it with it; a unique constraint is
     * an index; a check is a constraint.
     */
    @Override
    protected void dropConstraint(DropConstraint o, List<String> out) {
        Constraint c = o.constraint();
        if (c == null && state != null) c = state.constraint(o.schema(), o.table(), o.name()).orElse(null);
        String t = alterTable(o.schema(), o.table());
        if (c instanceof ForeignKey f) {
            out.add(t + " DROP FOREIGN KEY " + d.quote(o.name()));
            if (my.mariadb()) out.add(t + " DROP INDEX IF EXISTS " + d.quote(o.name()));
            else if (madeAnIndex(o.schema(), o.table(), f)) out.add(t + " DROP INDEX " + d.quote(o.name()));
        } else if (c instanceof UniqueConstraint) {
            out.add(t + " DROP INDEX " + d.quote(o.name()));
        } else if (c instanceof PrimaryKey) {
            out.add(t + " DROP PRIMARY KEY");
        } else {
            out.add(t + " DROP CONSTRAINT " + d.quote(o.name()));
        }
    }

    /**
     * Whether MySQL made an index of the foreign key's name when the key was added: it does when no index, unique
     * constraint or primary key of the table starts with the key's columns (MySQL 8 has no DROP INDEX IF EXISTS).
     */
    private boolean madeAnIndex(String schema, String table, ForeignKey f) {
        Table t = state == null ? null : state.table(schema, table).orElse(null);
        if (t == null) return false;
        List<List<String>> leading = new ArrayList<>();
        if (t.primaryKey() != null) leading.add(t.primaryKey().columns());
        for (UniqueConstraint u : t.uniques()) leading.add(u.columns());
        for (Index i : t.indexes()) leading.add(i.keys().stream().map(SchemaState::keyColumn).toList());
        return leading.stream().noneMatch(cols -> cols.size() >= f.columns().size() && cols.subList(0, f.columns().size()).equals(f.columns()));
    }

    @Override
    protected void tableComment(SetTableComment o, List<String> out) {
        out.add(alterTable(o.schema(), o.table()) + " COMMENT = " + d.literal(o.comment().to() == null ? "" : o.comment().to()));
    }

    /** A column change restates the whole column (MODIFY COLUMN), as the history defines it after the change. */
    @Override
    protected void alterColumn(AlterColumn o, List<String> out) {
        schema = o.schema();
        String t = alterTable(o.schema(), o.table());
        Column before = state == null ? null : state.table(o.schema(), o.table()).flatMap(x -> x.column(o.column())).orElse(null);
        boolean onlyDefault = o.type() == null && o.nullable() == null && o.identity() == null && o.comment() == null && o.onUpdateValue() == null
                && o.collation() == null;
        if (before == null) {
            if (onlyDefault && o.defaultExpr() != null) {
                out.add(t + " ALTER COLUMN " + d.quote(o.column()) + (o.defaultExpr().to() == null ? " DROP DEFAULT" : " SET DEFAULT " + expression(o.defaultExpr().to())));
                return;
            }
            throw new IllegalArgumentException("MySQL changes a column by restating it, and the revision history does not define column "
                    + o.column() + " of " + o.schema() + "." + o.table() + " (created by raw SQL?)");
        }
        Column after = SchemaState.altered(before, o);
        if (onlyDefault && o.defaultExpr() != null) {
            out.add(t + " ALTER COLUMN " + d.quote(o.column()) + (o.defaultExpr().to() == null ? " DROP DEFAULT" : " SET DEFAULT " + expression(o.defaultExpr().to())));
            return;
        }
        out.add(t + " MODIFY COLUMN " + columnDefinition(after));
    }

    @Override
    protected void renameColumn(RenameColumn o, List<String> out) {
        out.add(alterTable(o.schema(), o.table()) + " RENAME COLUMN " + d.quote(o.from()) + " TO " + d.quote(o.to()));
    }

    /** Enum types live in their columns: creating or dropping one changes nothing until a column uses it. */
    @Override
    protected void createEnum(CreateEnum o, List<String> out) { }

    @Override
    protected void dropEnum(DropEnum o, List<String> out) { }

    @Override
    protected void addEnumValue(AddEnumValue o, List<String> out) {
        EnumType e = state == null ? null : state.enumType(o.schema(), o.name()).orElse(null);
        if (e == null) throw new IllegalArgumentException("MySQL keeps enum values in each column, and the revision history does not define enum "
                + o.schema() + "." + o.name());
        modifyEnumColumns(o.schema(), o.name(), SchemaState.withValue(e.values(), o.value(), o.before(), o.after()), out);
    }

    @Override
    protected void recreateEnum(RecreateEnum o, List<String> out) {
        modifyEnumColumns(o.schema(), o.name(), o.values(), out);
    }

    /** Every column of the enum, restated with the new values. */
    private void modifyEnumColumns(String enumSchema, String enumName, List<String> values, List<String> out) {
        SchemaState s = state;
        SchemaState after = new SchemaState();
        after.apply(new CreateEnum(new EnumType(enumSchema, enumName, values)));
        for (Table t : s.tables()) {
            for (Column c : t.columns()) {
                if (s.enumOf(c.type(), t.schema()).filter(e -> e.schema().equals(enumSchema) && e.name().equals(enumName)).isEmpty()) continue;
                state = after;
                schema = t.schema();
                try {
                    out.add(alterTable(t.schema(), t.name()) + " MODIFY COLUMN " + columnDefinition(c));
                } finally {
                    state = s;
                }
            }
        }
    }

    /** MySQL has neither sequences nor domains: every statement on one is refused, naming it. */
    @Override
    protected String lacksSequencesAndDomains() { return "MySQL"; }

    @Override
    protected String columnComment(String schema, String table, String column, String comment) {
        throw new UnsupportedOperationException("unreachable: MySQL comments are part of the column");
    }
}
