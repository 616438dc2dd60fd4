package dev.retort.api;

import dev.retort.model.DomainBuilder;
import dev.retort.schema.EnumType;
import dev.retort.schema.Table;
import dev.retort.model.ColumnBuilder;
import dev.retort.model.SequenceBuilder;
import dev.retort.model.TableBuilder;
import dev.retort.ops.JdbcWork;
import dev.retort.ops.Operation;
import dev.retort.ops.Operation.*;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.Index;
import dev.retort.schema.PrimaryKey;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What revision code calls. Each call records an operation; fluent calls on the returned builder refine it, and the
 * operations are taken in call order once the revision method returns. Nothing runs during the call itself, which is
 * why the same revision renders to a script offline and runs online alike.
 */
public final class Operations {
    private final List<Supplier<Operation>> recorded = new ArrayList<>();
    private final Map<String, String> args;

    private final String dialect;

    public Operations() { this(Map.of(), null); }

    /**
     * {@code args}: the values {@link #arg} reads (retort.toml's [placeholders], overridden by {@code -x name=value});
     * {@code dialect}: the database's name ({@link #dialect}).
     */
    public Operations(Map<String, String> args, String dialect) {
        this.args = Map.copyOf(args);
        this.dialect = dialect;
    }

    /**
     * The database the revision is rendered for: "postgresql", "mysql", "sqlite" or "h2" (null outside a run), for a
     * revision that must say something differently on one of them (Alembic's {@code op.get_context().dialect.name}).
     */
    public String dialect() { return dialect; }

    /**
     * A value given to the run: {@code -x name=value} on the command line (Alembic's -x), else {@code name} under
     * [placeholders] in retort.toml. Fails naming the argument when it is given nowhere.
     */
    public String arg(String name) {
        String v = args.get(name);
        if (v == null) {
            throw new RetortException("argument '" + name + "' is not given: pass -x " + name + "=VALUE or set it under [placeholders] in retort.toml");
        }
        return v;
    }

    /** A value given to the run, or {@code fallback} when it is given nowhere. */
    public String arg(String name, String fallback) { return args.getOrDefault(name, fallback); }

    /** Every value given to the run, by name. */
    public Map<String, String> args() { return args; }

    /** The operations recorded so far, each built from its final builder state. */
    public List<Operation> operations() {
        List<Operation> out = new ArrayList<>(recorded.size());
        for (Supplier<Operation> s : recorded) out.add(s.get());
        return out;
    }

    private void record(Supplier<Operation> op) { recorded.add(op); }

    public void createSchema(String name) { record(() -> new CreateSchema(name)); }

    public void dropSchema(String name) { record(() -> new DropSchema(name)); }

    public void createTable(String schema, String name, Consumer<TableBuilder> body) {
        TableBuilder t = new TableBuilder(schema, name);
        body.accept(t);
        record(() -> new CreateTable(t.build()));
    }

    /**
     * Several changes to one table, recorded by {@code body} on an {@link Operations} of their own: on SQLite one move
     * and copy carries them all (Alembic's batch_alter_table); elsewhere they run in order.
     */
    public BatchBuilder batch(String schema, String table, Consumer<Operations> body) {
        Operations inner = new Operations(args, dialect);
        body.accept(inner);
        BatchBuilder given = new BatchBuilder(schema, table);
        record(() -> {
            List<Operation> ops = inner.operations();
            for (Operation o : ops) {
                if (!o.target().startsWith(schema + "." + table + ".") && !o.target().equals(schema + "." + table) && !(o instanceof CreateIndex)
                        && !(o instanceof DropIndex)) {
                    throw new RetortException("batch on " + schema + "." + table + " holds an operation on " + o.target());
                }
            }
            return new Batch(schema, table, ops, given.copyFrom);
        });
        return given;
    }

    /** Refines a batch: {@link #copyFrom} gives the table's definition before the batch. */
    public static final class BatchBuilder {
        private final String schema, table;
        private Table copyFrom;

        BatchBuilder(String schema, String table) {
            this.schema = schema;
            this.table = table;
        }

        /**
         * The table as it stands before the batch, declared as in {@code createTable}, for a table the revision history
         * cannot describe (created or changed by raw SQL): SQLite's move and copy, MySQL's restated columns and offline
         * scripts then work from it (Alembic's copy_from).
         */
        public BatchBuilder copyFrom(Consumer<TableBuilder> definition) {
            TableBuilder t = new TableBuilder(schema, table);
            definition.accept(t);
            copyFrom = t.build();
            return this;
        }
    }

    public void dropTable(String schema, String name) { record(() -> new DropTable(schema, name, null)); }

    public void renameTable(String schema, String from, String to) { record(() -> new RenameTable(schema, from, to)); }

    public ColumnBuilder addColumn(String schema, String table, String column, String type) {
        ColumnBuilder c = new TableBuilder(schema, table).column(column, type);
        record(() -> new AddColumn(schema, table, c.build(), c.isStepwise()));
        return c;
    }

    public void dropColumn(String schema, String table, String column) { record(() -> new DropColumn(schema, table, column, null)); }

    public void renameColumn(String schema, String table, String from, String to) {
        record(() -> new RenameColumn(schema, table, from, to));
    }

    public AlterColumnBuilder alterColumn(String schema, String table, String column) {
        AlterColumnBuilder a = new AlterColumnBuilder(schema, table, column);
        record(a::build);
        return a;
    }

    public TableBuilder.IndexBuilder createIndex(String schema, String table, String name, String... keys) {
        TableBuilder.IndexBuilder i = new TableBuilder.IndexBuilder(keys).name(name);
        record(() -> new CreateIndex(schema, table, i.build(table), i.isConcurrently()));
        return i;
    }

    public void dropIndex(String schema, String table, String name) { record(() -> new DropIndex(schema, table, name, null)); }

    public void createPrimaryKey(String schema, String table, String name, String... columns) {
        record(() -> new AddConstraint(schema, table, new PrimaryKey(name, List.of(columns))));
    }

    public TableBuilder.KeyBuilder createUniqueConstraint(String schema, String table, String name, String... columns) {
        TableBuilder.KeyBuilder u = new TableBuilder.KeyBuilder(columns).name(name);
        record(() -> new AddConstraint(schema, table, u.unique(table)));
        return u;
    }

    public TableBuilder.CheckBuilder createCheckConstraint(String schema, String table, String name, String expression) {
        TableBuilder.CheckBuilder c = new TableBuilder.CheckBuilder(expression).name(name);
        record(() -> new AddConstraint(schema, table, c.build(table, 0), c.isNotValid()));
        return c;
    }

    public TableBuilder.ForeignKeyBuilder createForeignKey(String schema, String table, String name, String... columns) {
        TableBuilder.ForeignKeyBuilder f = new TableBuilder.ForeignKeyBuilder(columns).name(name);
        record(() -> new AddConstraint(schema, table, f.build(table, schema + "." + table), f.isNotValid()));
        return f;
    }

    public void dropConstraint(String schema, String table, String name) {
        record(() -> new DropConstraint(schema, table, name, null));
    }

    public void setTableComment(String schema, String table, String comment) {
        record(() -> new SetTableComment(schema, table, new Change<>(null, comment)));
    }

    public void createEnum(String schema, String name, String... values) {
        record(() -> new CreateEnum(new EnumType(schema, name, List.of(values))));
    }

    public void dropEnum(String schema, String name) { record(() -> new DropEnum(schema, name, null)); }

    public EnumValueBuilder addEnumValue(String schema, String name, String value) {
        EnumValueBuilder e = new EnumValueBuilder();
        record(() -> new AddEnumValue(schema, name, value, e.before, e.after, null, List.of(), List.of()));
        return e;
    }

    /** Replaces an enum type's values (removing or reordering), converting the columns named in the builder. */
    public EnumUsageBuilder recreateEnum(String schema, String name, String... values) {
        EnumUsageBuilder u = new EnumUsageBuilder();
        record(() -> new RecreateEnum(schema, name, List.of(values), u.usages, u.indexes));
        return u;
    }

    public SequenceBuilder createSequence(String schema, String name) {
        SequenceBuilder s = new SequenceBuilder(schema, name);
        record(() -> new CreateSequence(s.build()));
        return s;
    }

    /** Sets every option of a sequence to the builder's (unset ones back to their defaults). */
    public SequenceBuilder alterSequence(String schema, String name) {
        SequenceBuilder s = new SequenceBuilder(schema, name);
        record(() -> new AlterSequence(null, s.build()));
        return s;
    }

    public void dropSequence(String schema, String name) { record(() -> new DropSequence(schema, name, null)); }

    public DomainBuilder createDomain(String schema, String name, String baseType) {
        DomainBuilder d = new DomainBuilder(schema, name, baseType);
        record(() -> new CreateDomain(d.build()));
        return d;
    }

    public void dropDomain(String schema, String name) { record(() -> new DropDomain(schema, name, null)); }

    public AlterDomainBuilder alterDomain(String schema, String name) {
        AlterDomainBuilder a = new AlterDomainBuilder(schema, name);
        record(a::build);
        return a;
    }

    /**
     * How long each later statement of this revision may wait for a lock before the database cancels it and the
     * revision fails (PostgreSQL's lock_timeout, MySQL's lock_wait_timeout, H2's LOCK_TIMEOUT): "5s", "500ms", "2min".
     * A migration then never waits behind a long transaction while the application's queries wait behind it.
     */
    public void lockTimeout(String duration) { record(timeout(SetTimeout.Timeout.LOCK, duration)); }

    /** How long each later statement of this revision may run (PostgreSQL's statement_timeout, and the like). */
    public void statementTimeout(String duration) { record(timeout(SetTimeout.Timeout.STATEMENT, duration)); }

    private static Supplier<Operation> timeout(SetTimeout.Timeout kind, String duration) {
        try {
            SetTimeout t = SetTimeout.parse(kind, duration);
            return () -> t;
        } catch (IllegalArgumentException e) {
            throw new RetortException(e.getMessage());
        }
    }

    /** Runs SQL as written: for data migrations and anything the operations do not cover. */
    public void execute(String sql) { record(() -> new Execute(sql)); }

    /**
     * Java code run on the revision's connection, in its place among the operations and inside the revision's
     * transaction (for a data migration that needs more than SQL). The code must not commit, roll back or close the
     * connection. An offline script ({@code --sql}) refuses a revision with a Java step unless {@link JdbcStep#offline}
     * gives the SQL to write in its place.
     */
    public JdbcStep jdbc(String description, JdbcWork work) {
        if (description == null || description.isBlank()) throw new RetortException("op.jdbc needs a description of what the Java step does");
        JdbcStep j = new JdbcStep();
        record(() -> new RunJava(description, work, j.offlineSql));
        return j;
    }

    /** Refines a Java step. */
    public static final class JdbcStep {
        private String offlineSql;

        /** The SQL an offline script writes in the Java step's place (what the step does, for a DBA to run). */
        public JdbcStep offline(String sql) {
            offlineSql = sql;
            return this;
        }
    }

    public BulkInsertBuilder bulkInsert(String schema, String table) {
        BulkInsertBuilder b = new BulkInsertBuilder();
        record(() -> new BulkInsert(schema, table, b.columns, b.rows));
        return b;
    }

    public static final class AlterColumnBuilder {
        private final String schema, table, column;
        private Change<String> type, defaultExpr, comment, onUpdateValue, collation;
        private Change<Boolean> nullable;
        private Change<Column.Identity> identity;
        private String using;

        AlterColumnBuilder(String schema, String table, String column) {
            this.schema = schema;
            this.table = table;
            this.column = column;
        }

        /** New type; {@code existingType} lets Retort add a USING cast when the two need one. */
        public AlterColumnBuilder type(String newType) { type = new Change<>(type == null ? null : type.from(), newType); return this; }
        public AlterColumnBuilder existingType(String t) { type = new Change<>(t, type == null ? null : type.to()); return this; }
        public AlterColumnBuilder using(String expression) { using = expression; return this; }
        public AlterColumnBuilder nullable(boolean n) { nullable = new Change<>(!n, n); return this; }
        public AlterColumnBuilder setDefault(String expression) { defaultExpr = new Change<>(null, expression); return this; }
        public AlterColumnBuilder dropDefault() { defaultExpr = new Change<>("", null); return this; }
        public AlterColumnBuilder comment(String c) { comment = new Change<>(null, c); return this; }
        /** Makes the column an identity column (ALWAYS or BY DEFAULT); after {@link #existingIdentity}, switches between the two. */
        public AlterColumnBuilder identity(boolean always) {
            identity = new Change<>(identity == null ? null : identity.from(), new Column.Identity(always, null, null));
            return this;
        }
        /** The column is already an identity column of this kind: {@link #identity} then changes it rather than adding one. */
        public AlterColumnBuilder existingIdentity(boolean always) {
            identity = new Change<>(new Column.Identity(always, null, null), identity == null ? null : identity.to());
            return this;
        }
        public AlterColumnBuilder dropIdentity() { identity = new Change<>(identity == null || identity.from() == null ? Column.Identity.byDefault() : identity.from(), null); return this; }
        /** The value set on every update of the row (MySQL's and H2's ON UPDATE), as SQL. */
        public AlterColumnBuilder setOnUpdateValue(String expression) { onUpdateValue = new Change<>(null, expression); return this; }
        public AlterColumnBuilder dropOnUpdateValue() { onUpdateValue = new Change<>("", null); return this; }
        /** A new collation; PostgreSQL restates the type with it, so give {@code type} too. {@code null} is the type's default. */
        public AlterColumnBuilder collation(String c) { collation = new Change<>(collation == null ? null : collation.from(), c); return this; }
        public AlterColumnBuilder existingCollation(String c) { collation = new Change<>(c, collation == null ? null : collation.to()); return this; }

        AlterColumn build() {
            Change<String> t = type == null || type.to() == null ? null : type;
            Change<Column.Identity> id = identity == null || identity.from() == null && identity.to() == null ? null : identity;
            return new AlterColumn(schema, table, column, t, nullable, defaultExpr, id, comment, using, onUpdateValue, collation);
        }
    }

    public static final class AlterDomainBuilder {
        private final String schema, name;
        private Change<String> defaultExpr;
        private Change<Boolean> notNull;
        private final List<CheckConstraint> drop = new ArrayList<>(), add = new ArrayList<>();

        AlterDomainBuilder(String schema, String name) {
            this.schema = schema;
            this.name = name;
        }

        public AlterDomainBuilder setDefault(String expression) { defaultExpr = new Change<>(null, expression); return this; }
        public AlterDomainBuilder dropDefault() { defaultExpr = new Change<>("", null); return this; }
        public AlterDomainBuilder notNull(boolean n) { notNull = new Change<>(!n, n); return this; }
        public AlterDomainBuilder addCheck(String constraintName, String expression) { add.add(new CheckConstraint(constraintName, expression)); return this; }
        /** Drops a check; the expression (when known) makes the change reversible. */
        public AlterDomainBuilder dropCheck(String constraintName, String expression) { drop.add(new CheckConstraint(constraintName, expression)); return this; }

        AlterDomain build() { return new AlterDomain(schema, name, defaultExpr, notNull, drop, add); }
    }

    public static final class EnumValueBuilder {
        private String before, after;

        public EnumValueBuilder before(String v) { before = v; return this; }
        public EnumValueBuilder after(String v) { after = v; return this; }
    }

    public static final class EnumUsageBuilder {
        private final List<EnumUsage> usages = new ArrayList<>();
        private final List<TableIndex> indexes = new ArrayList<>();

        /** An index that compares a using column with the type's values: dropped before the change, rebuilt after. */
        public EnumUsageBuilder dependentIndex(String schema, String table, String name, boolean unique, String where, String... keys) {
            indexes.add(new TableIndex(schema, table, new Index(name, List.of(keys), unique, where, null, List.of())));
            return this;
        }

        /** A column of this enum type; {@code defaultExpr} is its server default (or null), restored after the change. */
        public EnumUsageBuilder usedBy(String schema, String table, String column, String defaultExpr) {
            usages.add(new EnumUsage(schema, table, column, defaultExpr));
            return this;
        }
    }

    public static final class BulkInsertBuilder {
        private List<String> columns = List.of();
        private final List<List<Object>> rows = new ArrayList<>();

        public BulkInsertBuilder columns(String... cols) { columns = List.of(cols); return this; }

        public BulkInsertBuilder row(Object... values) {
            if (values.length != columns.size()) {
                throw new RetortException("bulkInsert row has " + values.length + " values for " + columns.size() + " columns " + columns);
            }
            rows.add(Arrays.asList(values));
            return this;
        }
    }
}
