package dev.retort.dialect;

import dev.retort.ops.SchemaState;
import dev.retort.schema.Domain;
import org.slf4j.LoggerFactory;
import dev.retort.ops.Operation;
import dev.retort.ops.Operation.*;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.Constraint;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.Sequence;
import dev.retort.schema.SchemaObject;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Operations as SQL statements: the standard SQL the databases share, in the portable (PostgreSQL) spelling; each
 * database's renderer spells its enums and overrides the parts it spells differently. Every identifier is quoted,
 * every literal escaped.
 */
public abstract class SqlRenderer {
    protected final Dialect d;
    /** The schema the revision history implies while one operation renders, for dialects that need it; else null. */
    protected SchemaState state;

    protected SqlRenderer(Dialect d) { this.d = d; }

    /** Renders one operation against the schema as it stands before it. */
    public synchronized List<String> render(Operation op, SchemaState before) {
        this.state = before;
        try {
            return renderWithState(op);
        } finally {
            this.state = null;
        }
    }

    /** What {@link #render(Operation, dev.retort.ops.SchemaState)} does once the state is set: by default, {@link #render(Operation)}. */
    protected List<String> renderWithState(Operation op) { return render(op); }

    /** An operation this database has no counterpart for, as the error that names the object. */
    protected static UnsupportedOperationException lacks(String database, String what, String schema, String name) {
        return new UnsupportedOperationException(database + " has no " + what + " (" + schema + "." + name + ")");
    }

    /** A type as written in a model or revision, in this database's spelling. */
    protected String type(String declared) { return d.normalizeType(declared); }

    /** An expression as written in a model or revision (default, check, index key or predicate), in this database's spelling. */
    protected String expression(String sql) { return sql; }

    public List<String> render(Operation op) {
        List<String> out = new ArrayList<>();
        if (op instanceof CreateSchema o) createSchema(o, out);
        else if (op instanceof DropSchema o) dropSchema(o, out);
        else if (op instanceof CreateTable o) createTable(o.table(), out);
        else if (op instanceof DropTable o) out.add("DROP TABLE " + d.qualify(o.schema(), o.name()));
        else if (op instanceof RenameTable o) renameTable(o, out);
        else if (op instanceof AddColumn o) addColumn(o, out);
        else if (op instanceof DropColumn o) dropColumn(o, out);
        else if (op instanceof RenameColumn o) renameColumn(o, out);
        else if (op instanceof AlterColumn o) alterColumn(o, out);
        else if (op instanceof CreateIndex o) createIndexStep(o, out);
        else if (op instanceof DropIndex o) dropIndex(o, out);
        else if (op instanceof AddConstraint o) addConstraint(o, out);
        else if (op instanceof DropConstraint o) dropConstraint(o, out);
        else if (op instanceof SetTableComment o) tableComment(o, out);
        else if (op instanceof CreateSequence o) createSequence(o.sequence(), out);
        else if (op instanceof DropSequence o) dropSequence(o, out);
        else if (op instanceof AlterSequence o) alterSequence(o.from(), o.to(), out);
        else if (op instanceof CreateEnum o) createEnum(o, out);
        else if (op instanceof DropEnum o) dropEnum(o, out);
        else if (op instanceof AddEnumValue o) addEnumValue(o, out);
        else if (op instanceof RecreateEnum o) recreateEnum(o, out);
        else if (op instanceof CreateDomain o) createDomain(o.domain(), out);
        else if (op instanceof DropDomain o) dropDomain(o, out);
        else if (op instanceof AlterDomain o) alterDomain(o, out);
        else if (op instanceof CreateObject o) { if (Skips.makes(d, o.object())) createObject(o.object(), out); }
        else if (op instanceof DropObject o) { if (Skips.makes(d, o.object())) dropObject(o.object(), out); }
        else if (op instanceof ReplaceObject o) { if (Skips.makes(d, o.to())) replaceObject(o.from(), o.to(), out); }
        else if (op instanceof Execute o) out.add(o.sql());
        else if (op instanceof SetTimeout o) {
            // online, the migrator sets it for the revision's transaction or session; a script sets it where it stands
            out.add(d.setTimeout(o, true).orElseThrow(() -> new UnsupportedOperationException(d.name() + " has no " + o.target() + " to set")));
        }
        else if (op instanceof RunJava o) {
            // online, the migrator runs the Java itself; here only its offline SQL can stand for it
            if (o.offlineSql() == null) throw new UnsupportedOperationException(o.target() + " runs Java and has no SQL: give it with op.jdbc(...).offline(...)");
            out.add(o.offlineSql());
        }
        else if (op instanceof Batch o) for (Operation inner : o.operations()) out.addAll(render(inner));
        else if (op instanceof BulkInsert o) bulkInsert(o, out);
        else throw new IllegalStateException("unknown operation " + op);
        return out;
    }

    /** Makes a view, function, trigger, ... of a kind {@link Dialect#objectKinds()} lists. */
    protected void createObject(SchemaObject o, List<String> out) {
        if (o.kind() == SchemaObject.Kind.TRIGGER) out.add(o.definition());
        else if (o.kind() == SchemaObject.Kind.VIEW) out.add("CREATE VIEW " + d.qualify(o.schema(), o.name()) + " AS " + o.definition());
        else throw lacks(d.name(), o.kind().label() + "s", o.schema(), o.name());
    }

    protected void dropObject(SchemaObject o, List<String> out) {
        if (o.kind() != SchemaObject.Kind.VIEW && o.kind() != SchemaObject.Kind.TRIGGER) throw lacks(d.name(), o.kind().label() + "s", o.schema(), o.name());
        out.add("DROP " + (o.kind() == SchemaObject.Kind.VIEW ? "VIEW " : "TRIGGER ") + d.qualify(o.schema(), o.name()));
    }

    protected void replaceObject(SchemaObject from, SchemaObject to, List<String> out) {
        dropObject(from == null ? to : from, out);
        createObject(to, out);
    }

    /** The database's name where it has no sequences and no domains (then every statement on one is refused); else null. */
    protected String lacksSequencesAndDomains() { return null; }

    /** Refuses a statement on a sequence or domain ({@code what}) where the database has neither. */
    private void require(String what, String schema, String name) {
        if (lacksSequencesAndDomains() != null) throw lacks(lacksSequencesAndDomains(), what, schema, name);
    }

    protected void dropSequence(DropSequence o, List<String> out) {
        require("sequences", o.schema(), o.name());
        out.add("DROP SEQUENCE " + d.qualify(o.schema(), o.name()));
    }

    protected void dropDomain(DropDomain o, List<String> out) {
        require("domains", o.schema(), o.name());
        out.add("DROP DOMAIN " + d.qualify(o.schema(), o.name()));
    }

    protected void createSchema(CreateSchema o, List<String> out) { out.add("CREATE SCHEMA " + d.quote(o.name())); }

    protected void dropSchema(DropSchema o, List<String> out) { out.add("DROP SCHEMA " + d.quote(o.name())); }

    protected void renameTable(RenameTable o, List<String> out) {
        out.add("ALTER TABLE " + d.qualify(o.schema(), o.from()) + " RENAME TO " + d.quote(o.to()));
    }

    protected void addColumn(AddColumn o, List<String> out) {
        out.add(alterTable(o.schema(), o.table()) + " ADD COLUMN " + columnDefinition(o.column()));
        if (o.column().comment() != null) out.add(columnComment(o.schema(), o.table(), o.column().name(), o.column().comment()));
    }

    protected void dropColumn(DropColumn o, List<String> out) {
        out.add(alterTable(o.schema(), o.table()) + " DROP COLUMN " + d.quote(o.name()));
    }

    protected void renameColumn(RenameColumn o, List<String> out) {
        out.add(alterTable(o.schema(), o.table()) + " RENAME COLUMN " + d.quote(o.from()) + " TO " + d.quote(o.to()));
    }

    protected void dropIndex(DropIndex o, List<String> out) { out.add("DROP INDEX " + d.qualify(o.schema(), o.name())); }

    protected void addConstraint(AddConstraint o, List<String> out) {
        out.add(alterTable(o.schema(), o.table()) + " ADD " + constraint(o.constraint()));
    }

    protected void dropConstraint(DropConstraint o, List<String> out) {
        out.add(alterTable(o.schema(), o.table()) + " DROP CONSTRAINT " + d.quote(o.name()));
    }

    protected void tableComment(SetTableComment o, List<String> out) {
        out.add("COMMENT ON TABLE " + d.qualify(o.schema(), o.table()) + " IS " + d.literal(o.comment().to()));
    }

    // ---- enum types: every database keeps them its own way ----

    protected abstract void createEnum(CreateEnum o, List<String> out);

    protected abstract void dropEnum(DropEnum o, List<String> out);

    protected abstract void addEnumValue(AddEnumValue o, List<String> out);

    protected abstract void recreateEnum(RecreateEnum o, List<String> out);

    protected String alterTable(String schema, String table) { return "ALTER TABLE " + d.qualify(schema, table); }

    protected void createTable(Table t, List<String> out) {
        List<String> parts = new ArrayList<>();
        for (Column c : t.columns()) parts.add(columnDefinition(c));
        for (Constraint c : t.constraints()) parts.add(constraint(c));
        out.add("CREATE TABLE " + d.qualify(t.schema(), t.name()) + " (" + (parts.isEmpty() ? "" : "\n    " + String.join(",\n    ", parts) + "\n") + ")"
                + partitioning(t));
        for (Index i : t.indexes()) out.add(createIndex(t.schema(), t.name(), i));
        if (t.comment() != null) out.add("COMMENT ON TABLE " + d.qualify(t.schema(), t.name()) + " IS " + d.literal(t.comment()));
        for (Column c : t.columns()) if (c.comment() != null) out.add(columnComment(t.schema(), t.name(), c.name(), c.comment()));
    }

    /** " PARTITION BY ..." where the database partitions tables; elsewhere a warning, and the table is made whole. */
    protected String partitioning(Table t) {
        if (t.partitionBy() == null) return "";
        if (d.objectKinds().contains(SchemaObject.Kind.PARTITION)) return " PARTITION BY " + t.partitionBy();
        Skips.warnNoPartitions(d.name(), t.schema() + "." + t.name(), t.partitionBy());
        return "";
    }

    protected String columnDefinition(Column c) {
        StringBuilder b = new StringBuilder(d.quote(c.name())).append(' ').append(type(c.type()));
        if (c.collation() != null) b.append(" COLLATE ").append(d.quote(c.collation()));
        if (c.generated() != null) b.append(" GENERATED ALWAYS AS (").append(expression(c.generated())).append(") STORED");
        if (c.identity() != null) b.append(' ').append(identity(c.identity()));
        if (c.defaultExpr() != null) b.append(" DEFAULT ").append(expression(c.defaultExpr()));
        b.append(onUpdateClause(c));
        if (!c.nullable()) b.append(" NOT NULL");
        return b.toString();
    }

    /**
     * A column's ON UPDATE clause where the database has one (MySQL, H2); PostgreSQL and SQLite have none, so the
     * column is made without it and a warning says so.
     */
    protected String onUpdateClause(Column c) {
        if (c.onUpdateValue() != null) Skips.warnNoOnUpdate(d.name(), c.name(), c.onUpdateValue());
        return "";
    }

    protected String identity(Column.Identity i) {
        String s = "GENERATED " + (i.always() ? "ALWAYS" : "BY DEFAULT") + " AS IDENTITY";
        List<String> opts = new ArrayList<>();
        if (i.start() != null) opts.add("START WITH " + i.start());
        if (i.increment() != null) opts.add("INCREMENT BY " + i.increment());
        if (i.min() != null) opts.add("MINVALUE " + i.min());
        if (i.max() != null) opts.add("MAXVALUE " + i.max());
        if (i.cache() != null) opts.add("CACHE " + i.cache());
        return opts.isEmpty() ? s : s + " (" + String.join(" ", opts) + ")";
    }

    protected String columnComment(String schema, String table, String column, String comment) {
        return "COMMENT ON COLUMN " + d.qualify(schema, table) + "." + d.quote(column) + " IS " + d.literal(comment);
    }

    protected String constraint(Constraint c) {
        String head = "CONSTRAINT " + d.quote(c.name()) + " ";
        if (c instanceof PrimaryKey p) return head + "PRIMARY KEY (" + columns(p.columns()) + ")";
        if (c instanceof UniqueConstraint u) {
            return head + "UNIQUE" + (u.nullsNotDistinct() ? " NULLS NOT DISTINCT" : "") + " (" + columns(u.columns()) + ")"
                    + (u.deferrable() ? " DEFERRABLE" + (u.initiallyDeferred() ? " INITIALLY DEFERRED" : "") : "");
        }
        if (c instanceof CheckConstraint k) return head + "CHECK (" + expression(k.expression()) + ")" + (k.noInherit() ? " NO INHERIT" : "");
        ForeignKey f = (ForeignKey) c;
        return head + "FOREIGN KEY (" + columns(f.columns()) + ") REFERENCES " + d.qualify(f.refSchema(), f.refTable())
                    + " (" + columns(f.refColumns()) + ")" + (f.matchFull() ? " MATCH FULL" : "")
                    + (f.onDelete() != null ? " ON DELETE " + f.onDelete() : "")
                    + (f.onUpdate() != null ? " ON UPDATE " + f.onUpdate() : "")
                    + (f.deferrable() ? " DEFERRABLE" + (f.initiallyDeferred() ? " INITIALLY DEFERRED" : "") : "");
    }

    protected String columns(List<String> cols) {
        return cols.stream().map(d::quote).collect(Collectors.joining(", "));
    }

    /** CREATE INDEX; where the database can build one without blocking writes, it may honour {@code concurrently}. */
    protected void createIndexStep(CreateIndex o, List<String> out) { out.add(createIndex(o.schema(), o.table(), o.index())); }

    protected String createIndex(String schema, String table, Index i) {
        StringBuilder b = new StringBuilder("CREATE ");
        if (i.unique()) b.append("UNIQUE ");
        b.append("INDEX ").append(d.quote(i.name())).append(" ON ").append(d.qualify(schema, table));
        if (i.using() != null) b.append(" USING ").append(i.using());
        b.append(" (").append(i.keys().stream().map(this::indexKey).collect(Collectors.joining(", "))).append(')');
        if (!i.include().isEmpty()) b.append(" INCLUDE (").append(columns(i.include())).append(')');
        if (i.nullsNotDistinct()) b.append(" NULLS NOT DISTINCT");
        if (i.with() != null) b.append(" WITH (").append(i.with()).append(')');
        if (i.where() != null) b.append(" WHERE ").append(expression(i.where()));
        return b.toString();
    }

    /**
     * A key is a column name (bare, or double-quoted) or a parenthesised expression, then what follows it as written
     * (COLLATE, operator class, ASC/DESC, NULLS): the name is quoted, the rest kept.
     */
    protected String indexKey(String key) {
        String k = key.trim();
        if (k.startsWith("(") || k.startsWith("\"")) return k;
        int space = k.indexOf(' ');
        return space < 0 ? d.quote(k) : d.quote(k.substring(0, space)) + k.substring(space);
    }

    protected void alterColumn(AlterColumn o, List<String> out) {
        String col = alterTable(o.schema(), o.table()) + " ALTER COLUMN " + d.quote(o.column());
        if (o.onUpdateValue() != null && o.onUpdateValue().to() != null) Skips.warnNoOnUpdate(d.name(), o.column(), o.onUpdateValue().to());
        boolean typeChanges = o.type() != null && !Objects.equals(o.type().from(), o.type().to());
        boolean dropDefault = o.defaultExpr() != null && (o.defaultExpr().to() == null || typeChanges && o.defaultExpr().from() != null);
        if (dropDefault) out.add(col + " DROP DEFAULT");
        if (o.identity() != null && o.identity().from() != null && o.identity().to() == null) out.add(col + " DROP IDENTITY");
        if (typeChanges) {
            String using = o.using();
            if (using == null && Skips.needsUsing(o.type().from(), o.type().to())) {
                // between enums (or other user types) there is no cast, but both read from text
                boolean viaText = o.type().from().contains("\"") && o.type().to().contains("\"");
                using = d.quote(o.column()) + (viaText ? "::text" : "") + "::" + type(o.type().to());
            }
            out.add(col + " TYPE " + type(o.type().to()) + (using != null ? " USING " + using : ""));
        }
        if (o.collation() != null) {
            if (o.type() == null) {
                throw new IllegalArgumentException("changing the collation of column " + o.column() + " restates its type: add .type(...)");
            }
            out.add(col + " TYPE " + type(o.type().to()) + " COLLATE " + (o.collation().to() == null ? "\"default\"" : d.quote(o.collation().to())));
        }
        if (o.defaultExpr() != null && o.defaultExpr().to() != null) out.add(col + " SET DEFAULT " + expression(o.defaultExpr().to()));
        if (o.nullable() != null && !Objects.equals(o.nullable().from(), o.nullable().to())) {
            out.add(col + (o.nullable().to() ? " DROP NOT NULL" : " SET NOT NULL"));
        }
        if (o.identity() != null && o.identity().to() != null) {
            Column.Identity from = o.identity().from(), to = o.identity().to();
            if (from == null) out.add(col + " ADD " + identity(to));
            else {
                if (from.always() != to.always()) out.add(col + " SET GENERATED " + (to.always() ? "ALWAYS" : "BY DEFAULT"));
                identityOptions(col, from, to, out);
            }
        }
        if (o.comment() != null) out.add(columnComment(o.schema(), o.table(), o.column(), o.comment().to()));
    }

    /** An identity column's changed sequence options, in one statement ({@link Skips#identityOptionChanges}). */
    protected void identityOptions(String col, Column.Identity from, Column.Identity to, List<String> out) {
        String options = Skips.identityOptionChanges(from, to);
        if (!options.isEmpty()) out.add(col + options);
    }

    protected void createSequence(Sequence s, List<String> out) {
        require("sequences", s.schema(), s.name());
        StringBuilder b = new StringBuilder("CREATE SEQUENCE ").append(d.qualify(s.schema(), s.name()));
        if (s.type() != null) b.append(" AS ").append(s.type());
        if (s.increment() != null) b.append(" INCREMENT BY ").append(s.increment());
        if (s.minValue() != null) b.append(" MINVALUE ").append(s.minValue());
        if (s.maxValue() != null) b.append(" MAXVALUE ").append(s.maxValue());
        if (s.start() != null) b.append(" START WITH ").append(s.start());
        if (s.cache() != null) b.append(" CACHE ").append(s.cache());
        if (s.cycle()) b.append(" CYCLE");
        out.add(b.toString());
        if (s.ownedBy() != null) out.add("ALTER SEQUENCE " + d.qualify(s.schema(), s.name()) + " OWNED BY " + ownedBy(s));
    }

    protected String ownedBy(Sequence s) {
        int dot = s.ownedBy().lastIndexOf('.');
        return d.qualify(s.schema(), s.ownedBy().substring(0, dot)) + "." + d.quote(s.ownedBy().substring(dot + 1));
    }

    protected void alterSequence(Sequence from, Sequence to, List<String> out) {
        require("sequences", to.schema(), to.name());
        StringBuilder b = new StringBuilder();
        if (from == null || !Objects.equals(from.type(), to.type())) b.append(" AS ").append(to.type() == null ? "bigint" : to.type());
        if (from == null || !Objects.equals(from.increment(), to.increment())) b.append(" INCREMENT BY ").append(to.increment() == null ? 1 : to.increment());
        if (from == null || !Objects.equals(from.minValue(), to.minValue())) b.append(to.minValue() == null ? " NO MINVALUE" : " MINVALUE " + to.minValue());
        if (from == null || !Objects.equals(from.maxValue(), to.maxValue())) b.append(to.maxValue() == null ? " NO MAXVALUE" : " MAXVALUE " + to.maxValue());
        if (from == null || !Objects.equals(from.start(), to.start())) {
            b.append(" START WITH ").append(to.start() != null ? to.start()
                    : (to.increment() != null && to.increment() < 0 ? (to.maxValue() == null ? -1 : to.maxValue()) : (to.minValue() == null ? 1 : to.minValue())));
        }
        if (from == null || !Objects.equals(from.cache(), to.cache())) b.append(" CACHE ").append(to.cache() == null ? 1 : to.cache());
        if (from == null || from.cycle() != to.cycle()) b.append(to.cycle() ? " CYCLE" : " NO CYCLE");
        if (!b.isEmpty()) out.add("ALTER SEQUENCE " + d.qualify(to.schema(), to.name()) + b);
        if (from == null || !Objects.equals(from.ownedBy(), to.ownedBy())) {
            out.add("ALTER SEQUENCE " + d.qualify(to.schema(), to.name()) + " OWNED BY " + (to.ownedBy() == null ? "NONE" : ownedBy(to)));
        }
    }

    protected void createDomain(Domain dom, List<String> out) {
        require("domains", dom.schema(), dom.name());
        StringBuilder b = new StringBuilder("CREATE DOMAIN ").append(d.qualify(dom.schema(), dom.name())).append(" AS ").append(type(dom.baseType()));
        if (dom.collation() != null) b.append(" COLLATE ").append(d.quote(dom.collation()));
        if (dom.defaultExpr() != null) b.append(" DEFAULT ").append(dom.defaultExpr());
        if (dom.notNull()) b.append(" NOT NULL");
        for (CheckConstraint c : dom.checks()) b.append(" CONSTRAINT ").append(d.quote(c.name())).append(" CHECK (").append(c.expression()).append(')');
        out.add(b.toString());
        if (dom.comment() != null) out.add("COMMENT ON DOMAIN " + d.qualify(dom.schema(), dom.name()) + " IS " + d.literal(dom.comment()));
    }

    protected void alterDomain(AlterDomain o, List<String> out) {
        require("domains", o.schema(), o.name());
        String head = "ALTER DOMAIN " + d.qualify(o.schema(), o.name());
        for (CheckConstraint c : o.dropChecks()) out.add(head + " DROP CONSTRAINT " + d.quote(c.name()));
        if (o.defaultExpr() != null) out.add(head + (o.defaultExpr().to() == null ? " DROP DEFAULT" : " SET DEFAULT " + expression(o.defaultExpr().to())));
        if (o.notNull() != null) out.add(head + (o.notNull().to() ? " SET NOT NULL" : " DROP NOT NULL"));
        for (CheckConstraint c : o.addChecks()) out.add(head + " ADD CONSTRAINT " + d.quote(c.name()) + " CHECK (" + c.expression() + ")");
    }

    protected void bulkInsert(BulkInsert o, List<String> out) {
        if (o.rows().isEmpty()) return;
        StringBuilder b = new StringBuilder("INSERT INTO ").append(d.qualify(o.schema(), o.table())).append(" (")
                .append(columns(o.columns())).append(") VALUES");
        String sep = "\n    ";
        for (List<Object> row : o.rows()) {
            b.append(sep).append('(').append(row.stream().map(d::literal).collect(Collectors.joining(", "))).append(')');
            sep = ",\n    ";
        }
        out.add(b.toString());
    }
}
