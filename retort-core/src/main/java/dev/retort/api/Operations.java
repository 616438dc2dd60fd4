package dev.retort.api;

import dev.retort.model.DomainBuilder;
import dev.retort.model.ObjectBuilder;
import dev.retort.schema.SchemaObject;
import dev.retort.schema.SchemaObject.Kind;
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

    /** Creates a table; a partition, trigger, policy or exclusion constraint declared in {@code body} is made after it. */
    public void createTable(String schema, String name, Consumer<TableBuilder> body) {
        TableBuilder t = new TableBuilder(schema, name);
        body.accept(t);
        record(() -> new CreateTable(t.build()));
        for (int i = 0; i < t.objects().size(); i++) {
            int n = i;
            record(() -> new CreateObject(t.objects().get(n)));
        }
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

    // ---- views, functions, triggers, policies, partitions, ... (PostgreSQL; elsewhere declare them .only("postgresql")) ----

    public ObjectBuilder createView(String schema, String name, String select) { return create(Kind.VIEW, schema, name, null, select); }
    /** CREATE OR REPLACE VIEW: the new query keeps the old columns (names and types), and may add more after them. */
    public ObjectBuilder replaceView(String schema, String name, String select) { return replace(Kind.VIEW, schema, name, null, select); }
    public ObjectBuilder dropView(String schema, String name) { return drop(Kind.VIEW, schema, name, null); }
    public ObjectBuilder createMaterializedView(String schema, String name, String select) { return create(Kind.MATERIALIZED_VIEW, schema, name, null, select); }
    public ObjectBuilder dropMaterializedView(String schema, String name) { return drop(Kind.MATERIALIZED_VIEW, schema, name, null); }
    /** An index on a materialized view, as its whole CREATE INDEX statement. */
    public ObjectBuilder createMaterializedViewIndex(String schema, String view, String name, String createIndex) {
        return create(Kind.VIEW_INDEX, schema, name, view, createIndex);
    }
    public ObjectBuilder dropMaterializedViewIndex(String schema, String view, String name) { return drop(Kind.VIEW_INDEX, schema, name, view); }
    /** A function, as its whole CREATE FUNCTION statement; {@code signature} is its name and argument types: "add(integer,integer)". */
    public ObjectBuilder createFunction(String schema, String signature, String sql) { return create(Kind.FUNCTION, schema, ObjectBuilder.signature(signature), null, sql); }
    /** CREATE OR REPLACE FUNCTION with the new body (the statement may say CREATE or CREATE OR REPLACE). */
    public ObjectBuilder replaceFunction(String schema, String signature, String sql) { return replace(Kind.FUNCTION, schema, ObjectBuilder.signature(signature), null, sql); }
    public ObjectBuilder dropFunction(String schema, String signature) { return drop(Kind.FUNCTION, schema, ObjectBuilder.signature(signature), null); }
    public ObjectBuilder createProcedure(String schema, String signature, String sql) { return create(Kind.PROCEDURE, schema, ObjectBuilder.signature(signature), null, sql); }
    public ObjectBuilder replaceProcedure(String schema, String signature, String sql) { return replace(Kind.PROCEDURE, schema, ObjectBuilder.signature(signature), null, sql); }
    public ObjectBuilder dropProcedure(String schema, String signature) { return drop(Kind.PROCEDURE, schema, ObjectBuilder.signature(signature), null); }
    /** A trigger, as its whole CREATE TRIGGER statement. */
    public ObjectBuilder createTrigger(String schema, String table, String name, String sql) { return create(Kind.TRIGGER, schema, name, table, sql); }
    public ObjectBuilder dropTrigger(String schema, String table, String name) { return drop(Kind.TRIGGER, schema, name, table); }
    /** ENABLE, DISABLE, ENABLE REPLICA or ENABLE ALWAYS a trigger. */
    public ObjectBuilder setTriggerState(String schema, String table, String name, String state) {
        ObjectBuilder b = ObjectBuilder.named(Kind.TRIGGER, schema, name, table).state(state);
        record(() -> new ReplaceObject(null, b.build()));
        return b;
    }
    /** ENABLE ROW LEVEL SECURITY; {@code .force()} binds the table's owner too. */
    public ObjectBuilder enableRowLevelSecurity(String schema, String table) { return create(Kind.ROW_SECURITY, schema, table, table, "ENABLE"); }
    public ObjectBuilder disableRowLevelSecurity(String schema, String table) { return drop(Kind.ROW_SECURITY, schema, table, table); }
    public ObjectBuilder forceRowLevelSecurity(String schema, String table) { return replace(Kind.ROW_SECURITY, schema, table, table, "FORCE"); }
    public ObjectBuilder noForceRowLevelSecurity(String schema, String table) { return replace(Kind.ROW_SECURITY, schema, table, table, "ENABLE"); }
    /** A policy: {@code definition} is what follows CREATE POLICY name ON table: "AS PERMISSIVE FOR SELECT TO app USING (owner = current_user)". */
    public ObjectBuilder createPolicy(String schema, String table, String name, String definition) { return create(Kind.POLICY, schema, name, table, definition); }
    public ObjectBuilder dropPolicy(String schema, String table, String name) { return drop(Kind.POLICY, schema, name, table); }
    /** CREATE EXTENSION IF NOT EXISTS name WITH SCHEMA schema. */
    public ObjectBuilder createExtension(String schema, String name) { return create(Kind.EXTENSION, schema, name, null, ""); }
    public ObjectBuilder dropExtension(String schema, String name) { return drop(Kind.EXTENSION, schema, name, null); }
    /** A partition of a partitioned table: {@code bound} is "FOR VALUES FROM (...) TO (...)", "FOR VALUES IN (...)" or "DEFAULT". */
    public ObjectBuilder createPartition(String schema, String name, String parent, String bound) { return create(Kind.PARTITION, schema, name, parent, bound); }
    /** New bounds for a partition: DETACH, then ATTACH with them (the rows stay; they must fit the new bounds). */
    public ObjectBuilder replacePartition(String schema, String name, String parent, String bound) { return replace(Kind.PARTITION, schema, name, parent, bound); }
    /** DROP TABLE of a partition: its rows are lost. */
    public ObjectBuilder dropPartition(String schema, String name, String parent) { return drop(Kind.PARTITION, schema, name, parent); }

    /** An index one partition has alone: the whole CREATE INDEX statement. */
    public ObjectBuilder createPartitionIndex(String schema, String partition, String name, String createIndex) {
        return create(Kind.PARTITION_INDEX, schema, name, partition, createIndex);
    }

    public ObjectBuilder dropPartitionIndex(String schema, String partition, String name) { return drop(Kind.PARTITION_INDEX, schema, name, partition); }
    /** An exclusion constraint: "EXCLUDE USING gist (room WITH =, during WITH &&)". */
    public ObjectBuilder addExclusionConstraint(String schema, String table, String name, String definition) {
        ObjectBuilder b = ObjectBuilder.exclusion(schema, table, name, definition);
        record(() -> new CreateObject(b.build()));
        return b;
    }
    public ObjectBuilder dropExclusionConstraint(String schema, String table, String name) { return drop(Kind.EXCLUSION, schema, name, table); }

    /** GRANT privileges ("SELECT, UPDATE (email)") on an object ("TABLE account", "SEQUENCE s", "FUNCTION f(integer)", "SCHEMA") to a role. */
    public ObjectBuilder grant(String schema, String on, String role, String privileges) { return record(ObjectBuilder.grant(schema, on, role, privileges), true); }
    /** REVOKE those privileges (null: ALL on the object; column privileges must be named). */
    public ObjectBuilder revoke(String schema, String on, String role, String privileges) { return record(ObjectBuilder.grant(schema, on, role, privileges), false); }

    /** COMMENT ON "INDEX name ON table", "CONSTRAINT name ON table", "TYPE name" or "DOMAIN name" IS text (null: IS NULL). */
    public ObjectBuilder setComment(String schema, String on, String text) { return record(ObjectBuilder.comment(schema, on, text), text != null); }

    private ObjectBuilder record(ObjectBuilder b, boolean create) {
        record(() -> create ? new CreateObject(b.build()) : new DropObject(b.build()));
        return b;
    }

    private ObjectBuilder create(Kind kind, String schema, String name, String table, String definition) {
        ObjectBuilder b = new ObjectBuilder(kind, schema, name, table, definition);
        record(() -> new CreateObject(b.build()));
        return b;
    }

    private ObjectBuilder replace(Kind kind, String schema, String name, String table, String definition) {
        ObjectBuilder b = new ObjectBuilder(kind, schema, name, table, definition);
        record(() -> new ReplaceObject(null, b.build()));
        return b;
    }

    private ObjectBuilder drop(Kind kind, String schema, String name, String table) {
        ObjectBuilder b = ObjectBuilder.named(kind, schema, name, table);
        record(() -> new DropObject(b.build()));
        return b;
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





}
