package dev.retort.lint;

import dev.retort.lint.Finding.Severity;
import dev.retort.ops.Operation;
import dev.retort.ops.Operation.*;
import dev.retort.schema.SchemaObject.Kind;
import dev.retort.ops.SchemaState;
import dev.retort.portable.SqlText;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.UniqueConstraint;
import dev.retort.api.RetortException;
import dev.retort.script.HeaderReader;
import dev.retort.script.RevisionInfo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a revision's upgrade for what a careful reviewer would stop at: changes that lose data, changes that fail on
 * a table with rows, and, on PostgreSQL, changes that hold a lock blocking writes for as long as the table is read
 * or rewritten. Works from the operations and the schema the earlier revisions made, without a database.
 *
 * <p>Rules: {@code drop-table}, {@code drop-column}, {@code drop-schema} and {@code type-narrowing} (errors: data is
 * lost or refused); {@code not-null-without-default} (error: fails on a table with rows); {@code type-change},
 * {@code table-rewrite}, {@code set-not-null}, {@code index-not-concurrent}, {@code constraint-not-valid},
 * {@code unique-constraint}, {@code rename-table}, {@code rename-column}, {@code recreate-enum} (warnings);
 * {@code raw-sql}, {@code java-step} (information: not checked); {@code sql-fragment} (error: a type, default or
 * expression that would end the operation's statement and begin another).
 */
public final class Linter {
    private final String dialect;

    /** {@code dialect}: the database the revisions run on ("postgresql", ...): the lock rules are PostgreSQL's. */
    public Linter(String dialect) { this.dialect = dialect; }

    /**
     * The findings of one revision's upgrade. {@code before}: the schema the earlier revisions made (null: unknown,
     * then every table counts as one that has rows); {@code ignored}: rules the revision suppresses.
     */
    public List<Finding> lint(RevisionInfo r, List<Operation> upgrade, SchemaState before, Set<String> ignored) {
        List<Finding> out = new ArrayList<>();
        Set<String> created = new HashSet<>();
        List<Operation> flat = flatten(upgrade);
        int n = 0;
        for (Operation o : flat) {
            n++;
            for (Rule f : rules(o, before, created)) {
                if (ignored.contains(f.rule())) continue;
                out.add(new Finding(f.rule(), f.severity(), r.id(), r.path() == null ? null : r.path().toString(), n, describe(o), f.why()));
            }
            if (o instanceof CreateTable c) created.add(c.table().schema() + "." + c.table().name());
        }
        return out;
    }

    /**
     * A revision's findings, less the rules its source suppresses ({@code @Lint(ignore = ...)}, {@code -- @lint ignore=}):
     * its file is read for them only when there are findings.
     */
    public List<Finding> lintRevision(RevisionInfo r, List<Operation> upgrade, SchemaState before) {
        List<Finding> found = lint(r, upgrade, before, Set.of());
        if (found.isEmpty() || r.path() == null) return found;
        Set<String> ignored;
        try {
            ignored = HeaderReader.lintIgnores(java.nio.file.Files.readString(r.path()), r.path());
        } catch (java.io.IOException e) {
            throw new RetortException(r.where() + ": cannot read revision file: " + e.getMessage(), e);
        }
        return found.stream().filter(f -> !ignored.contains(f.rule())).toList();
    }

    /** The operations a finding's number counts: a batch's, one by one. */
    public static List<Operation> flatten(List<Operation> upgrade) {
        List<Operation> flat = new ArrayList<>();
        for (Operation o : upgrade) {
            if (o instanceof Batch b) flat.addAll(b.operations());
            else flat.add(o);
        }
        return flat;
    }

    /** The rules whose harm depends on the rows a table holds: without rows, the change loses or blocks nothing. */
    private static final Set<String> ABOUT_ROWS = Set.of("drop-table", "drop-column", "type-narrowing", "not-null-without-default", "drop-partition",
            "set-not-null", "type-change", "table-rewrite", "index-not-concurrent", "constraint-not-valid", "unique-constraint", "exclusion-constraint",
            "reattach-partition", "row-security");

    /**
     * Where the rows are whose presence decides a finding of {@code rule} about {@code o}: {schema, table, column} (column
     * null for the whole table); empty when rows do not decide it (a schema dropped, text that would end its statement).
     */
    public static Optional<String[]> rowsAt(String rule, Operation o) {
        if (!ABOUT_ROWS.contains(rule)) return Optional.empty();
        if (o instanceof DropTable d) return Optional.of(new String[] {d.schema(), d.name(), null});
        if (o instanceof DropColumn d) return Optional.of(new String[] {d.schema(), d.table(), d.name()});
        if (o instanceof AlterColumn a) return Optional.of(new String[] {a.schema(), a.table(), rule.equals("type-narrowing") ? a.column() : null});
        if (o instanceof AddColumn a) return Optional.of(new String[] {a.schema(), a.table(), null});
        if (o instanceof CreateIndex c) return Optional.of(new String[] {c.schema(), c.table(), null});
        if (o instanceof AddConstraint a) return Optional.of(new String[] {a.schema(), a.table(), null});
        if (o instanceof DropObject d && d.object().kind() == Kind.PARTITION) return Optional.of(new String[] {d.object().schema(), d.object().name(), null});
        if (o instanceof ReplaceObject r && r.to().kind() == Kind.PARTITION) return Optional.of(new String[] {r.to().schema(), r.to().name(), null});
        if (o instanceof CreateObject c && c.object().table() != null) return Optional.of(new String[] {c.object().schema(), c.object().table(), null});
        return Optional.empty();
    }

    private record Rule(String rule, Severity severity, String why) {}

    private List<Rule> rules(Operation o, SchemaState before, Set<String> created) {
        List<Rule> out = new ArrayList<>();
        String text = textProblem(o);
        if (text != null) out.add(new Rule("sql-fragment", Severity.ERROR, text + " (a statement would run that the operation does not say)"));
        boolean pg = dialect.equals("postgresql");
        if (o instanceof DropTable) out.add(new Rule("drop-table", Severity.ERROR, "drops the table and every row in it"));
        else if (o instanceof DropSchema) out.add(new Rule("drop-schema", Severity.ERROR, "drops the schema and everything in it"));
        else if (o instanceof DropColumn d) {
            Optional<Column> c = column(before, d.schema(), d.table(), d.name());
            boolean generated = d.column() != null && d.column().generated() != null || c.isPresent() && c.get().generated() != null;
            if (!generated) out.add(new Rule("drop-column", Severity.ERROR, "drops the column and its values"));
        } else if (o instanceof AddColumn a) {
            Column c = a.column();
            boolean existing = existing(a.schema(), a.table(), created);
            if (existing && !c.nullable() && c.defaultExpr() == null && c.identity() == null && c.generated() == null) {
                out.add(new Rule("not-null-without-default", Severity.ERROR, "a NOT NULL column without a default fails on a table that has rows"));
            }
        } else if (o instanceof AlterColumn a) {
            if (a.type() != null && a.type().to() != null) {
                String from = a.type().from() != null ? a.type().from() : column(before, a.schema(), a.table(), a.column()).map(Column::type).orElse(null);
                if (from == null) {
                    out.add(new Rule("type-change", Severity.WARNING, "the old type is unknown (give existingType): values that do not convert make it fail"));
                } else {
                    String narrowing = TypeChange.narrowing(from, a.type().to());
                    if (narrowing != null) out.add(new Rule("type-narrowing", Severity.ERROR, from + " to " + a.type().to() + ": " + narrowing));
                    if (pg && !TypeChange.inPlaceOnPostgres(from, a.type().to())) {
                        out.add(new Rule("table-rewrite", Severity.WARNING, from + " to " + a.type().to()
                                + " rewrites the table under a lock that blocks reads and writes"));
                    }
                }
            }
            if (a.nullable() != null && !a.nullable().to() && existing(a.schema(), a.table(), created)) {
                out.add(new Rule("set-not-null", Severity.WARNING, "reads the whole table under a lock that blocks writes, and fails if a row holds NULL:"
                        + " fill the column first" + (pg ? " (or prove it with a check added .notValid())" : "")));
            }
        } else if (o instanceof CreateIndex c) {
            if (pg && !c.concurrently() && existing(c.schema(), c.table(), created)) {
                out.add(new Rule("index-not-concurrent", Severity.WARNING, "blocks writes to the table while the index builds: add .concurrently()"));
            }
        } else if (o instanceof AddConstraint a && existing(a.schema(), a.table(), created)) {
            if (pg && (a.constraint() instanceof ForeignKey || a.constraint() instanceof CheckConstraint) && !a.notValid()) {
                out.add(new Rule("constraint-not-valid", Severity.WARNING, "checks every row under a lock that blocks writes: add .notValid()"));
            }
            if (pg && a.constraint() instanceof UniqueConstraint) {
                out.add(new Rule("unique-constraint", Severity.WARNING, "builds its index under a lock that blocks writes: create a unique index"
                        + " .concurrently() first"));
            }
        } else if (o instanceof DropObject d && d.object().kind() == Kind.PARTITION) {
            out.add(new Rule("drop-partition", Severity.ERROR, "drops the partition and every row in it"));
        } else if (o instanceof ReplaceObject r && r.to().kind() == Kind.PARTITION) {
            out.add(new Rule("reattach-partition", Severity.WARNING, "ATTACH reads every row of the partition under a lock that blocks writes"
                    + " (a check constraint that proves the new bounds first makes it quick), and fails if a row is outside them"));
        } else if (o instanceof CreateObject c && c.object().kind() == Kind.ROW_SECURITY && existing(c.object().schema(), c.object().table(), created)) {
            out.add(new Rule("row-security", Severity.WARNING, "from now on a role sees only the rows a policy admits (none, without one);"
                    + " the table's owner is exempt unless it is forced"));
        } else if (o instanceof CreateObject c && c.object().kind() == Kind.EXCLUSION && existing(c.object().schema(), c.object().table(), created)) {
            out.add(new Rule("exclusion-constraint", Severity.WARNING, "builds its index and checks every row under a lock that blocks writes"));
        } else if (o instanceof DropObject d && d.object().kind() == Kind.GRANT) {
            out.add(new Rule("revoke", Severity.WARNING, "code still running as that role fails where it used these privileges"));
        } else if (o instanceof RenameTable) {
            out.add(new Rule("rename-table", Severity.WARNING, "code still running with the old name fails until it is deployed anew"));
        } else if (o instanceof RenameColumn) {
            out.add(new Rule("rename-column", Severity.WARNING, "code still running with the old name fails until it is deployed anew"));
        } else if (o instanceof RecreateEnum) {
            out.add(new Rule("recreate-enum", Severity.WARNING, "rewrites every column of the type under a lock that blocks reads and writes"));
        } else if (o instanceof Execute) {
            out.add(new Rule("raw-sql", Severity.INFO, "raw SQL is not checked by lint"));
        } else if (o instanceof RunJava) {
            out.add(new Rule("java-step", Severity.INFO, "a Java step is not checked by lint"));
        }
        return out;
    }

    /** Text the operation writes into its statement as given that would not stay one piece of it, or null. */
    private static String textProblem(Operation o) {
        if (o instanceof CreateTable c) return SqlText.tableProblem(c.table());
        if (o instanceof AddColumn a) return SqlText.columnProblem(a.column());
        if (o instanceof CreateIndex c) return SqlText.indexProblem(c.index());
        if (o instanceof AddConstraint a && a.constraint() instanceof CheckConstraint k) return SqlText.piece("check " + k.name(), "expression", k.expression());
        if (o instanceof CreateDomain d) return SqlText.domainProblem(d.domain());
        if (o instanceof AlterColumn a) {
            String where = "column " + a.column();
            String p = a.type() == null ? null : SqlText.piece(where, "type", a.type().to());
            if (p == null && a.defaultExpr() != null) p = SqlText.piece(where, "default", a.defaultExpr().to());
            if (p == null) p = SqlText.piece(where, "USING expression", a.using());
            return p;
        }
        return null;
    }

    private static boolean existing(String schema, String table, Set<String> created) { return !created.contains(schema + "." + table); }

    private static Optional<Column> column(SchemaState state, String schema, String table, String column) {
        if (state == null) return Optional.empty();
        return state.table(schema, table).flatMap(t -> t.columns().stream().filter(c -> c.name().equals(column)).findFirst());
    }

    /** The operation in a few words: "drop column public.account.email", "create view public.active_accounts". */
    public static String describe(Operation o) {
        // a view, function, ... names its own kind in its target
        return o.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT).replace(" object", "") + " " + o.target();
    }
}
