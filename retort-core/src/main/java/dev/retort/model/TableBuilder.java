package dev.retort.model;

import dev.retort.portable.Names;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.SchemaObject;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Declares a table. Serves both the models ({@link Metadata#table}) and revision code ({@code op.createTable}). */
public final class TableBuilder {
    private final String schema;
    private final String name;
    private final List<ColumnBuilder> columns = new ArrayList<>();
    private final List<KeyBuilder> primaryKey = new ArrayList<>();
    private final List<KeyBuilder> uniques = new ArrayList<>();
    private final List<ForeignKeyBuilder> foreignKeys = new ArrayList<>();
    private final List<CheckBuilder> checks = new ArrayList<>();
    private final List<IndexBuilder> indexes = new ArrayList<>();
    private String comment;
    private String partitionBy;
    private final List<java.util.function.Supplier<SchemaObject>> objects = new ArrayList<>();

    public TableBuilder(String schema, String name) {
        this.schema = DeclarationException.requireName(schema, "schema of table " + name);
        this.name = DeclarationException.requireName(name, "table name");
    }

    public ColumnBuilder column(String columnName, String type) {
        ColumnBuilder c = new ColumnBuilder(columnName, type);
        columns.add(c);
        return c;
    }

    public KeyBuilder primaryKey(String... cols) {
        if (!primaryKey.isEmpty()) throw new DeclarationException("table " + schema + "." + name + " declares two primary keys");
        KeyBuilder k = new KeyBuilder(cols);
        primaryKey.add(k);
        return k;
    }

    public KeyBuilder unique(String... cols) {
        KeyBuilder k = new KeyBuilder(cols);
        uniques.add(k);
        return k;
    }

    public ForeignKeyBuilder foreignKey(String... cols) {
        ForeignKeyBuilder f = new ForeignKeyBuilder(cols);
        foreignKeys.add(f);
        return f;
    }

    public CheckBuilder check(String expression) {
        CheckBuilder c = new CheckBuilder(expression);
        checks.add(c);
        return c;
    }

    /** An index on columns or expressions; an expression is written in parentheses, e.g. {@code "(lower(email))"}. */
    public IndexBuilder index(String... keys) {
        IndexBuilder i = new IndexBuilder(keys);
        indexes.add(i);
        return i;
    }

    public TableBuilder comment(String c) { comment = c; return this; }

    /** A partitioned table (PostgreSQL): its key as after PARTITION BY, e.g. "RANGE (created_at)", "LIST (region)", "HASH (id)". */
    public TableBuilder partitionBy(String key) {
        if (key == null || key.isBlank()) throw new DeclarationException("table " + schema + "." + name + ": partitionBy needs a key, e.g. \"RANGE (created_at)\"");
        partitionBy = SchemaObject.collapse(key.strip().replaceFirst("(?i)^PARTITION\\s+BY\\s+", ""));
        return this;
    }

    /** A partition of this partitioned table, in the same schema: {@code bound} is "FOR VALUES FROM (...) TO (...)", "FOR VALUES IN (...)" or "DEFAULT". */
    public ObjectBuilder partition(String partitionName, String bound) {
        return object(new ObjectBuilder(SchemaObject.Kind.PARTITION, schema, partitionName, name, bound));
    }

    /**
     * An index one partition has alone (PostgreSQL), as its whole CREATE INDEX statement; an index of the partitioned
     * table itself ({@link #index}) is every partition's already.
     */
    public ObjectBuilder partitionIndex(String partitionName, String indexName, String createIndex) {
        return object(new ObjectBuilder(SchemaObject.Kind.PARTITION_INDEX, schema, indexName, partitionName, createIndex));
    }

    /** An exclusion constraint: "USING gist (room WITH =, during WITH &&)" (the EXCLUDE keyword may be left out). */
    public ObjectBuilder exclude(String constraintName, String definition) {
        return object(ObjectBuilder.exclusion(schema, name, constraintName, definition));
    }

    /** A trigger on this table, as its whole CREATE TRIGGER statement (its function is declared with {@code function}). */
    public ObjectBuilder trigger(String triggerName, String createTrigger) {
        return object(new ObjectBuilder(SchemaObject.Kind.TRIGGER, schema, triggerName, name, createTrigger));
    }

    /** ENABLE ROW LEVEL SECURITY (and with {@code .force()}, FORCE: the owner is bound too). */
    public ObjectBuilder rowLevelSecurity() {
        return object(new ObjectBuilder(SchemaObject.Kind.ROW_SECURITY, schema, name, name, "ENABLE"));
    }

    /** Privileges on this table for a role (with manage_grants): "SELECT", "INSERT", "UPDATE (email)", ... */
    public ObjectBuilder grant(String role, String... privileges) {
        return object(ObjectBuilder.grant(schema, "TABLE " + name, role, String.join(", ", privileges)));
    }

    /** A comment on one of this table's indexes (PostgreSQL). */
    public ObjectBuilder commentOnIndex(String index, String text) { return object(ObjectBuilder.comment(schema, "INDEX " + index + " ON " + name, text)); }

    /** A comment on one of this table's constraints (PostgreSQL). */
    public ObjectBuilder commentOnConstraint(String constraint, String text) {
        return object(ObjectBuilder.comment(schema, "CONSTRAINT " + constraint + " ON " + name, text));
    }

    /** A row security policy on this table. */
    public PolicyBuilder policy(String policyName) {
        PolicyBuilder p = new PolicyBuilder(schema, name, policyName);
        objects.add(p::build);
        return p;
    }

    private ObjectBuilder object(ObjectBuilder b) {
        objects.add(b::build);
        return b;
    }

    /** The views', triggers', policies', partitions' and exclusion constraints' definitions declared with the table. */
    public List<SchemaObject> objects() {
        List<SchemaObject> out = new ArrayList<>();
        for (var o : objects) out.add(o.get());
        return out;
    }

    public String schema() { return schema; }
    public String name() { return name; }

    public Table build() {
        String where = schema + "." + name;
        List<Column> cols = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        List<String> pkCols = new ArrayList<>();
        List<UniqueConstraint> uqs = new ArrayList<>();
        List<ForeignKey> fks = new ArrayList<>();
        List<CheckConstraint> cks = new ArrayList<>();
        for (ColumnBuilder c : columns) {
            if (!seen.add(c.name)) throw new DeclarationException("table " + where + " declares column " + c.name + " twice");
            if (c.primaryKey) pkCols.add(c.name);
            cols.add(c.build());
        }
        PrimaryKey pk = null;
        if (!primaryKey.isEmpty()) {
            if (!pkCols.isEmpty()) throw new DeclarationException("table " + where + " declares its primary key on a column and on the table");
            pk = primaryKey.get(0).primaryKey(name);
        } else if (!pkCols.isEmpty()) {
            pk = new PrimaryKey(Names.primaryKey(name), pkCols);
        }
        if (pk != null) {
            for (String pc : pk.columns()) {
                int i = indexOf(cols, pc, where);
                cols.set(i, cols.get(i).withNullable(false));
            }
        }
        for (ColumnBuilder c : columns) {
            if (c.unique) uqs.add(new UniqueConstraint(Names.unique(name, List.of(c.name)), List.of(c.name), false));
            if (c.check != null) cks.add(new CheckConstraint(Names.check(name, c.name), c.check));
            if (c.references != null) {
                fks.add(new ForeignKey(Names.foreignKey(name, List.of(c.name)), List.of(c.name), c.references[0],
                        c.references[1], List.of(c.references[2]), c.onDelete, c.onUpdate, false, false));
            }
        }
        for (KeyBuilder k : uniques) {
            k.columns.forEach(col -> indexOf(cols, col, where));
            uqs.add(k.unique(name));
        }
        for (ForeignKeyBuilder f : foreignKeys) {
            f.columns.forEach(col -> indexOf(cols, col, where));
            fks.add(f.build(name, where));
        }
        for (int n = 0; n < checks.size(); n++) cks.add(checks.get(n).build(name, n));
        List<Index> idx = new ArrayList<>();
        for (IndexBuilder i : indexes) {
            Index index = i.build(name);
            for (String key : index.keys()) {
                String column = keyColumn(key);
                if (column != null && cols.stream().noneMatch(c -> c.name().equals(column))) {
                    throw new DeclarationException("table " + where + ": index " + index.name() + " is on column " + column + ", which the table does not have");
                }
            }
            idx.add(index);
        }
        return new Table(schema, name, cols, pk, uqs, fks, cks, idx, comment, partitionBy);
    }

    /** The column an index key names ("name", "name DESC", "\"Name\" text_pattern_ops"), or null for an expression. */
    static String keyColumn(String key) {
        String k = key.strip();
        if (k.startsWith("\"")) {
            int end = k.indexOf('"', 1);
            return end < 0 ? null : k.substring(1, end);
        }
        String first = k.split("\\s+")[0];
        return first.contains("(") || first.isEmpty() ? null : first;
    }

    private static int indexOf(List<Column> cols, String col, String where) {
        for (int i = 0; i < cols.size(); i++) if (cols.get(i).name().equals(col)) return i;
        throw new DeclarationException("table " + where + " has no column " + col);
    }

    /** A primary key or unique constraint. */
    public static final class KeyBuilder {
        final List<String> columns;
        String name;
        boolean deferrable, initiallyDeferred, nullsNotDistinct;

        public KeyBuilder(String... cols) {
            if (cols.length == 0) throw new DeclarationException("a key needs at least one column");
            columns = List.of(cols);
        }

        public PrimaryKey primaryKey(String table) { return new PrimaryKey(name != null ? name : Names.primaryKey(table), columns); }

        public UniqueConstraint unique(String table) {
            return new UniqueConstraint(name != null ? name : Names.unique(table, columns), columns, deferrable, initiallyDeferred, nullsNotDistinct);
        }

        public KeyBuilder name(String n) { name = n; return this; }
        public KeyBuilder deferrable() { deferrable = true; return this; }
        public KeyBuilder initiallyDeferred() { deferrable = true; initiallyDeferred = true; return this; }
        /** NULLs count as equal for this unique key (PostgreSQL 15+). */
        public KeyBuilder nullsNotDistinct() { nullsNotDistinct = true; return this; }
    }

    public static final class ForeignKeyBuilder {
        final List<String> columns;
        String name, refSchema, refTable, onDelete, onUpdate;
        List<String> refColumns;
        boolean deferrable, initiallyDeferred, matchFull;

        public ForeignKeyBuilder(String... cols) {
            if (cols.length == 0) throw new DeclarationException("a foreign key needs at least one column");
            columns = List.of(cols);
        }

        /** The key of table {@code table} (its default name comes from it); {@code where} names the table in errors. */
        public ForeignKey build(String table, String where) {
            if (refTable == null) throw new DeclarationException("foreign key on " + where + " " + columns + " names no referenced table: call references(...)");
            return new ForeignKey(name != null ? name : Names.foreignKey(table, columns), columns, refSchema, refTable, refColumns,
                    onDelete, onUpdate, deferrable, initiallyDeferred, matchFull);
        }

        public ForeignKeyBuilder references(String schema, String table, String... cols) {
            refSchema = schema;
            refTable = table;
            refColumns = cols.length == 0 ? columns : Arrays.asList(cols);
            return this;
        }

        public ForeignKeyBuilder name(String n) { name = n; return this; }
        public ForeignKeyBuilder onDelete(String a) { onDelete = a; return this; }
        public ForeignKeyBuilder onUpdate(String a) { onUpdate = a; return this; }
        public ForeignKeyBuilder deferrable(boolean initially) { deferrable = true; initiallyDeferred = initially; return this; }
        public ForeignKeyBuilder matchFull() { matchFull = true; return this; }

        boolean notValid;

        /**
         * In a revision on PostgreSQL: add the key NOT VALID, then VALIDATE CONSTRAINT it in a transaction of its own,
         * which checks existing rows without blocking writes (the revision runs statement by statement). Models ignore it.
         */
        public ForeignKeyBuilder notValid() { notValid = true; return this; }

        /** Whether {@link #notValid} was asked for. */
        public boolean isNotValid() { return notValid; }
    }

    public static final class CheckBuilder {
        final String expression;
        String name;
        boolean noInherit;

        public CheckBuilder(String e) { expression = DeclarationException.requireName(e, "check expression"); }

        /** {@code ordinal}: how many unnamed checks of the table come before this one (PostgreSQL numbers them). */
        public CheckConstraint build(String table, int ordinal) {
            return new CheckConstraint(name != null ? name : table + "_check" + (ordinal == 0 ? "" : String.valueOf(ordinal - 1)), expression, noInherit);
        }

        public CheckBuilder name(String n) { name = n; return this; }
        public CheckBuilder noInherit() { noInherit = true; return this; }

        boolean notValid;

        /** In a revision on PostgreSQL: add the check NOT VALID, then validate it in a transaction of its own. Models ignore it. */
        public CheckBuilder notValid() { notValid = true; return this; }

        /** Whether {@link #notValid} was asked for. */
        public boolean isNotValid() { return notValid; }
    }

    public static final class IndexBuilder {
        final List<String> keys;
        String name, where, using, with;
        boolean unique, nullsNotDistinct;
        List<String> include = List.of();

        public IndexBuilder(String... keys) {
            if (keys.length == 0) throw new DeclarationException("an index needs at least one column or expression");
            this.keys = List.of(keys);
        }

        public Index build(String table) {
            return new Index(name != null ? name : Names.index(table, keys), keys, unique, where, using, include, nullsNotDistinct, with);
        }

        public IndexBuilder name(String n) { name = n; return this; }
        public IndexBuilder unique() { unique = true; return this; }
        /** Makes this a partial index with the given predicate. */
        public IndexBuilder where(String predicate) { where = predicate; return this; }
        public IndexBuilder using(String method) { using = method; return this; }
        public IndexBuilder include(String... cols) { include = List.of(cols); return this; }
        public IndexBuilder nullsNotDistinct() { nullsNotDistinct = true; return this; }
        /** Storage parameters, as in WITH (...): {@code "fillfactor=70"}. */
        public IndexBuilder with(String parameters) { with = parameters; return this; }

        boolean concurrently;

        /**
         * In a revision on PostgreSQL: CREATE INDEX CONCURRENTLY, which builds the index without blocking writes and must
         * run outside a transaction (the revision then runs statement by statement). Models ignore it.
         */
        public IndexBuilder concurrently() { concurrently = true; return this; }

        /** Whether {@link #concurrently} was asked for. */
        public boolean isConcurrently() { return concurrently; }
    }
}
