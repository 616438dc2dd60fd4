package dev.retort.ops;

import java.util.ArrayList;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.Domain;
import dev.retort.schema.Constraint;
import dev.retort.schema.EnumType;
import dev.retort.schema.Index;
import dev.retort.schema.SchemaObject;
import dev.retort.schema.Sequence;
import dev.retort.schema.Table;

import java.util.List;

/**
 * One schema change, as data. Autogenerate produces these; one renderer turns them into revision source, a dialect
 * turns them into SQL. {@link #reverse()} gives the change that undoes it, where the record carries enough to know.
 */
public sealed interface Operation {

    Operation reverse();

    /** What the operation touches, for messages: "public.account.email". */
    String target();

    private static UnsupportedOperationException irreversible(Operation op) {
        return new UnsupportedOperationException(op.getClass().getSimpleName() + " on " + op.target() + " cannot be reversed automatically");
    }

    record CreateSchema(String name) implements Operation {
        public Operation reverse() { return new DropSchema(name); }
        public String target() { return name; }
    }

    record DropSchema(String name) implements Operation {
        public Operation reverse() { return new CreateSchema(name); }
        public String target() { return name; }
    }

    record CreateTable(Table table) implements Operation {
        public Operation reverse() { return new DropTable(table.schema(), table.name(), table); }
        public String target() { return table.qualifiedName().toString(); }
    }

    /** Drops a table; {@code table} is its definition when known, which makes the drop reversible. */
    record DropTable(String schema, String name, Table table) implements Operation {
        public Operation reverse() {
            if (table == null) throw irreversible(this);
            return new CreateTable(table);
        }
        public String target() { return schema + "." + name; }
    }

    record RenameTable(String schema, String from, String to) implements Operation {
        public Operation reverse() { return new RenameTable(schema, to, from); }
        public String target() { return schema + "." + from; }
    }

    /**
     * Adds a column. {@code stepwise} (PostgreSQL, for a NOT NULL column with a default on a table that has rows): add it
     * nullable, fill existing rows, then prove and set NOT NULL through a validated check, each step committed on its
     * own, so no step holds a lock that blocks writes for long.
     */
    record AddColumn(String schema, String table, Column column, boolean stepwise) implements Operation {
        public AddColumn(String schema, String table, Column column) { this(schema, table, column, false); }
        public Operation reverse() { return new DropColumn(schema, table, column.name(), column); }
        public String target() { return schema + "." + table + "." + column.name(); }
    }

    record DropColumn(String schema, String table, String name, Column column) implements Operation {
        public Operation reverse() {
            if (column == null) throw irreversible(this);
            return new AddColumn(schema, table, column);
        }
        public String target() { return schema + "." + table + "." + name; }
    }

    record RenameColumn(String schema, String table, String from, String to) implements Operation {
        public Operation reverse() { return new RenameColumn(schema, table, to, from); }
        public String target() { return schema + "." + table + "." + from; }
    }

    /** A change from one value to another; {@code from} may be unknown (null) in hand-written revisions. */
    record Change<T>(T from, T to) {
        Change<T> reverse() { return new Change<>(to, from); }
    }

    /**
     * Changes one column. Each change is null when that property stays; {@code using} is an optional USING expression
     * for a type change.
     */
    record AlterColumn(String schema, String table, String column, Change<String> type, Change<Boolean> nullable,
                       Change<String> defaultExpr, Change<Column.Identity> identity, Change<String> comment,
                       String using, Change<String> onUpdateValue, Change<String> collation) implements Operation {
        public AlterColumn(String schema, String table, String column, Change<String> type, Change<Boolean> nullable, Change<String> defaultExpr,
                           Change<Column.Identity> identity, Change<String> comment, String using) {
            this(schema, table, column, type, nullable, defaultExpr, identity, comment, using, null, null);
        }
        public Operation reverse() {
            return new AlterColumn(schema, table, column, rev(type), rev(nullable), rev(defaultExpr), rev(identity), rev(comment), null, rev(onUpdateValue),
                    rev(collation));
        }
        private static <T> Change<T> rev(Change<T> c) { return c == null ? null : c.reverse(); }
        public String target() { return schema + "." + table + "." + column; }
    }

    /** Creates an index; {@code concurrently}: without blocking writes (PostgreSQL), outside a transaction. */
    record CreateIndex(String schema, String table, Index index, boolean concurrently) implements Operation {
        public CreateIndex(String schema, String table, Index index) { this(schema, table, index, false); }
        public Operation reverse() { return new DropIndex(schema, table, index.name(), index); }
        public String target() { return schema + "." + index.name(); }
    }

    record DropIndex(String schema, String table, String name, Index index) implements Operation {
        public Operation reverse() {
            if (index == null) throw irreversible(this);
            return new CreateIndex(schema, table, index);
        }
        public String target() { return schema + "." + name; }
    }

    /**
     * Adds a constraint; {@code notValid} (PostgreSQL, foreign keys and checks): NOT VALID, then VALIDATE CONSTRAINT in a
     * transaction of its own, which checks existing rows without blocking writes.
     */
    record AddConstraint(String schema, String table, Constraint constraint, boolean notValid) implements Operation {
        public AddConstraint(String schema, String table, Constraint constraint) { this(schema, table, constraint, false); }
        public Operation reverse() { return new DropConstraint(schema, table, constraint.name(), constraint); }
        public String target() { return schema + "." + table + "." + constraint.name(); }
    }

    record DropConstraint(String schema, String table, String name, Constraint constraint) implements Operation {
        public Operation reverse() {
            if (constraint == null) throw irreversible(this);
            return new AddConstraint(schema, table, constraint);
        }
        public String target() { return schema + "." + table + "." + name; }
    }

    record SetTableComment(String schema, String table, Change<String> comment) implements Operation {
        public Operation reverse() { return new SetTableComment(schema, table, comment.reverse()); }
        public String target() { return schema + "." + table; }
    }

    record CreateSequence(Sequence sequence) implements Operation {
        public Operation reverse() { return new DropSequence(sequence.schema(), sequence.name(), sequence); }
        public String target() { return sequence.schema() + "." + sequence.name(); }
    }

    record DropSequence(String schema, String name, Sequence sequence) implements Operation {
        public Operation reverse() {
            if (sequence == null) throw irreversible(this);
            return new CreateSequence(sequence);
        }
        public String target() { return schema + "." + name; }
    }

    record AlterSequence(Sequence from, Sequence to) implements Operation {
        public Operation reverse() {
            if (from == null) throw irreversible(this);
            return new AlterSequence(to, from);
        }
        public String target() { return to.schema() + "." + to.name(); }
    }

    record CreateEnum(EnumType type) implements Operation {
        public Operation reverse() { return new DropEnum(type.schema(), type.name(), type); }
        public String target() { return type.schema() + "." + type.name(); }
    }

    record DropEnum(String schema, String name, EnumType type) implements Operation {
        public Operation reverse() {
            if (type == null) throw irreversible(this);
            return new CreateEnum(type);
        }
        public String target() { return schema + "." + name; }
    }

    /** Adds one value to an enum type, before or after an existing one (both null: at the end). */
    record AddEnumValue(String schema, String name, String value, String before, String after, List<String> allValuesBefore,
                        List<EnumUsage> usedBy, List<TableIndex> indexes) implements Operation {
        public Operation reverse() {
            if (allValuesBefore == null) throw irreversible(this);
            return new RecreateEnum(schema, name, allValuesBefore, usedBy, indexes);
        }
        public String target() { return schema + "." + name; }
    }

    /**
     * Replaces an enum type's values where ADD VALUE cannot: renames the old type away, creates the new one, converts
     * the columns in {@code usedBy} through text (dropping and restoring their defaults), drops the old type. Indexes
     * whose expressions or predicates compare such a column with the type's values are dropped first and rebuilt after.
     */
    record RecreateEnum(String schema, String name, List<String> values, List<EnumUsage> usedBy, List<TableIndex> indexes) implements Operation {
        public RecreateEnum {
            values = List.copyOf(values);
            usedBy = usedBy == null ? List.of() : List.copyOf(usedBy);
            indexes = indexes == null ? List.of() : List.copyOf(indexes);
        }
        public Operation reverse() { throw irreversible(this); }
        public String target() { return schema + "." + name; }
    }

    /** Creates a view, function, trigger, policy, partition, ... from its definition ({@link SchemaObject}). */
    record CreateObject(SchemaObject object) implements Operation {
        public Operation reverse() { return new DropObject(object); }
        public String target() { return object.describe(); }
    }

    /** Drops one; {@code object} carries its definition when known, which makes the drop reversible. */
    record DropObject(SchemaObject object) implements Operation {
        public Operation reverse() {
            if (object.definition() == null) throw irreversible(this);
            return new CreateObject(object);
        }
        public String target() { return object.describe(); }
    }

    /**
     * Changes one in place: CREATE OR REPLACE for a view or function, DETACH and ATTACH for a partition's bounds, ALTER
     * TABLE for row level security and a trigger's state. {@code from} (null when unknown) makes it reversible.
     */
    record ReplaceObject(SchemaObject from, SchemaObject to) implements Operation {
        public Operation reverse() {
            if (from == null || from.definition() == null) throw irreversible(this);
            return new ReplaceObject(to, from);
        }
        public String target() { return to.describe(); }
    }

    /** An index with the table it is on. */
    record TableIndex(String schema, String table, Index index) {}

    /** A column of an enum type, with its server default (null if none). */
    record EnumUsage(String schema, String table, String column, String defaultExpr) {}

    record CreateDomain(Domain domain) implements Operation {
        public Operation reverse() { return new DropDomain(domain.schema(), domain.name(), domain); }
        public String target() { return domain.schema() + "." + domain.name(); }
    }

    record DropDomain(String schema, String name, Domain domain) implements Operation {
        public Operation reverse() {
            if (domain == null) throw irreversible(this);
            return new CreateDomain(domain);
        }
        public String target() { return schema + "." + name; }
    }

    /** Changes a domain's default, NOT NULL or checks (a changed check is dropped and added again). */
    record AlterDomain(String schema, String name, Change<String> defaultExpr, Change<Boolean> notNull,
                       List<CheckConstraint> dropChecks, List<CheckConstraint> addChecks) implements Operation {
        public AlterDomain {
            dropChecks = List.copyOf(dropChecks);
            addChecks = List.copyOf(addChecks);
        }
        public Operation reverse() {
            return new AlterDomain(schema, name, defaultExpr == null ? null : defaultExpr.reverse(), notNull == null ? null : notNull.reverse(),
                    addChecks, dropChecks);
        }
        public String target() { return schema + "." + name; }
    }

    /**
     * Several changes to one table that belong together: on SQLite one move-and-copy serves them all; elsewhere they run
     * one after another. Every operation in it targets that table. {@code copyFrom}, when the revision gives it, is the
     * table as it stands before the batch (Alembic's copy_from): it stands in for what the history implies, for a table
     * the history cannot describe (created or changed by raw SQL).
     */
    record Batch(String schema, String table, List<Operation> operations, Table copyFrom) implements Operation {
        public Batch {
            operations = List.copyOf(operations);
        }
        public Batch(String schema, String table, List<Operation> operations) { this(schema, table, operations, null); }
        public Operation reverse() {
            List<Operation> back = new ArrayList<>();
            for (Operation o : operations) back.add(0, o.reverse());
            Table after = null;
            if (copyFrom != null) {
                SchemaState s = new SchemaState();
                s.apply(this);
                after = s.table(schema, table).orElse(null);
            }
            return new Batch(schema, table, back, after);
        }
        public String target() { return schema + "." + table; }
    }

    record Execute(String sql) implements Operation {
        public Operation reverse() { throw irreversible(this); }
        public String target() { return "SQL"; }
    }

    /**
     * Java code run on the revision's own connection and transaction (a data migration that needs more than SQL).
     * {@code offlineSql} is what an offline script shows in its place; without it the revision cannot run offline.
     */
    record RunJava(String description, JdbcWork work, String offlineSql) implements Operation {
        public Operation reverse() { throw irreversible(this); }
        public String target() { return "Java step '" + description + "'"; }
    }

    /**
     * A limit for the rest of the revision: how long a statement waits for a lock ({@code LOCK}) or runs at most
     * ({@code STATEMENT}) before the database cancels it, so a migration never queues behind a long transaction while
     * the application's queries queue behind the migration.
     */
    record SetTimeout(Timeout kind, java.time.Duration value) implements Operation {
        public enum Timeout { LOCK, STATEMENT }

        public Operation reverse() { throw irreversible(this); }
        public String target() { return kind.name().toLowerCase(java.util.Locale.ROOT) + " timeout"; }

        /** From "5s", "500ms", "2min", "1h"; anything else fails with a message naming it. */
        public static SetTimeout parse(Timeout kind, String text) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*([0-9]+)\\s*(ms|s|min|h)\\s*$").matcher(text == null ? "" : text);
            if (!m.matches()) {
                throw new IllegalArgumentException((kind == Timeout.LOCK ? "lockTimeout" : "statementTimeout") + " '" + text
                        + "': give a number and a unit: ms, s, min or h (\"5s\")");
            }
            long n = Long.parseLong(m.group(1));
            return new SetTimeout(kind, switch (m.group(2)) {
                case "ms" -> java.time.Duration.ofMillis(n);
                case "s" -> java.time.Duration.ofSeconds(n);
                case "min" -> java.time.Duration.ofMinutes(n);
                default -> java.time.Duration.ofHours(n);
            });
        }
    }

    /** Whether the operation must run outside a transaction as rendered for PostgreSQL (CONCURRENTLY, NOT VALID then VALIDATE, stepwise NOT NULL). */
    static boolean needsOwnCommits(Operation o) {
        return o instanceof CreateIndex c && c.concurrently() || o instanceof AddConstraint a && a.notValid() || o instanceof AddColumn a && a.stepwise()
                || o instanceof Batch b && b.operations().stream().anyMatch(Operation::needsOwnCommits);
    }

    /** Inserts rows; values are Java values rendered as SQL literals (String, Number, Boolean, null, java.time). */
    record BulkInsert(String schema, String table, List<String> columns, List<List<Object>> rows) implements Operation {
        public Operation reverse() { throw irreversible(this); }
        public String target() { return schema + "." + table; }
    }
}
