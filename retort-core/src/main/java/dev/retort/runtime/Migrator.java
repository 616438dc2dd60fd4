package dev.retort.runtime;

import dev.retort.schema.Catalog;
import java.util.Collections;
import java.util.Optional;
import dev.retort.dialect.VersionTable;
import dev.retort.api.Callback;
import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.RetortException;
import dev.retort.model.DeclarationException;
import dev.retort.config.RetortConfig.TransactionMode;
import dev.retort.dialect.Dialect;
import dev.retort.ops.Operation;
import dev.retort.ops.SchemaState;
import dev.retort.lint.Finding;
import dev.retort.lint.Linter;
import dev.retort.script.RevisionCompiler;
import dev.retort.script.RevisionGraph;
import dev.retort.script.RevisionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans and runs upgrades and downgrades. A plan is a list of steps, each the exact statements of one revision plus
 * its version-table moves; online and offline runs feed the same steps to different sinks.
 */
public final class Migrator {
    private static final Logger log = LoggerFactory.getLogger("dev.retort");

    /**
     * One revision applied or undone: its statements, and the heads before and after it. Where DDL is not transactional,
     * {@code effects} holds, for the step a killed run left running ({@link #settling}), each statement's one changed table
     * before and after, from the history (null where
     * a statement's effect cannot be told: raw SQL, a statement of several for one operation, schemas).
     */
    public record Step(RevisionInfo revision, boolean upgrade, List<String> statements, Set<String> headsBefore, Set<String> headsAfter,
                       List<Effect> effects, Map<String, Operation.RunJava> java) {
        public String direction() { return upgrade ? "upgrade" : "downgrade"; }

        /** Whether the step runs Java ({@code op.jdbc}): it then goes statement by statement, never in a multi-statement round trip. */
        public boolean runsJava() { return !java.isEmpty(); }
    }

    /**
     * The statement that stands for a Java step in a step's list: a comment naming it, unique within the step, so that
     * progress tracking and checksums of statements see it like any other.
     */
    static String javaStatement(int n, Operation.RunJava j) {
        return "-- Java step " + n + ": " + j.description().replace("\n", " ").replace("\r", " ");
    }

    /** What one statement does to one table, and the history's state around it (for its enum types). */
    public record Effect(SchemaState.TableChange change, SchemaState state) {}

    private final Dialect dialect;
    private final VersionTable versionTable;
    private final RevisionCompiler compiler;
    private final TransactionMode transactionMode;

    private final Map<String, String> args;
    private final Callbacks callbacks;

    public Migrator(Dialect dialect, VersionTable versionTable, RevisionCompiler compiler, TransactionMode transactionMode) {
        this(dialect, versionTable, compiler, transactionMode, Map.of(), Callbacks.NONE);
    }

    /** {@code args}: what revisions read with {@code op.arg} (retort.toml's [placeholders] and -x); {@code callbacks}: run around it. */
    public Migrator(Dialect dialect, VersionTable versionTable, RevisionCompiler compiler, TransactionMode transactionMode,
                    Map<String, String> args, Callbacks callbacks) {
        this.dialect = dialect;
        this.versionTable = versionTable;
        this.compiler = compiler;
        this.transactionMode = transactionMode;
        this.args = Map.copyOf(args);
        this.callbacks = callbacks;
    }


    public List<Step> plan(RevisionGraph graph, Set<String> current, Set<String> target, boolean upgrade) {
        List<RevisionInfo> path;
        if (upgrade) {
            path = graph.upgradePath(current, target);
        } else {
            Set<String> have = graph.ancestorsOrSelf(current);
            for (String t : target) {
                if (!have.contains(t)) throw new RetortException("cannot downgrade to " + t + ": it is not applied (current: " + describe(current) + ")");
            }
            path = graph.downgradePath(current, target);
        }
        // only when there is something to render: a no-op run does not load the applied revisions
        // a step a killed run left running is the first of the path; only then is what each statement does worked out
        boolean effects = settling != null && !dialect.transactionalDdl() && !path.isEmpty() && path.get(0).id().equals(settling);
        SchemaState state = (dialect.needsSchemaState() || effects) && !path.isEmpty() ? replay(graph, current) : null;
        Map<String, Migration> code = compiler.load(path);
        boolean gated = gate != null && !gate.off();
        Linter linter = findings == null && !gated || !upgrade ? null : new Linter(dialect.name());
        Set<String> heads = new LinkedHashSet<>(current);
        List<Step> steps = new ArrayList<>();
        String direction = upgrade ? "upgrade" : "downgrade";
        for (RevisionInfo r : path) {
            List<Operation> ops = new ArrayList<>(operations(r, code.get(r.id()), upgrade));
            List<Finding> found = linter == null ? List.of() : linter.lintRevision(r, ops, state == null ? null : state.copy());
            if (findings != null) findings.addAll(found);
            if (gated && upgrade) gate.check(r, ops, found);
            for (Callbacks.Item i : callbacks.items(Callback.Event.AFTER_EACH_REVISION, direction, r.id(), r.message(), null, args, dialect.name())) {
                ops.add(i.operation());
            }
            List<String> statements = new ArrayList<>();
            List<Effect> known = new ArrayList<>();
            Map<String, Operation.RunJava> java = new LinkedHashMap<>();
            // a timeout holds for the revision's transaction; outside one, for the session until the revision ends
            boolean inTransaction = r.transactional() && dialect.transactionalDdl() && ops.stream().noneMatch(dialect::needsOwnCommits);
            Set<Operation.SetTimeout.Timeout> toReset = new LinkedHashSet<>();
            for (Operation o : ops) {
                boolean track = effects && r == path.get(0);
                if (o instanceof Operation.SetTimeout t) {
                    Optional<String> set = dialect.setTimeout(t, inTransaction);
                    if (set.isEmpty()) {
                        log.warn("{}: {} has no {} to set; the revision runs without it", r.where(), dialect.name(), t.target());
                        continue;
                    }
                    statements.add(set.get());
                    if (track) known.add(null);
                    if (!inTransaction) toReset.add(t.kind());
                    continue;
                }
                if (o instanceof Operation.RunJava j) {
                    String stands = javaStatement(java.size() + 1, j);
                    java.put(stands, j);
                    statements.add(stands);
                    if (track) known.add(null);
                    if (state != null) state.apply(o);
                    continue;
                }
                SchemaState before = track ? state.copy() : null;
                List<String> rendered;
                try {
                    rendered = dialect.renderStep(o, state);
                } catch (RuntimeException e) {
                    throw new RetortException(r.where() + ": cannot render " + o.target() + ": " + e.getMessage(), e);
                }
                statements.addAll(rendered);
                if (track) {
                    var change = rendered.size() == 1 && !(o instanceof Operation.Execute) ? state.changeSince(before) : Optional.<SchemaState.TableChange>empty();
                    for (int k = 0; k < rendered.size(); k++) known.add(change.map(c -> new Effect(c, before)).orElse(null));
                }
            }
            for (Operation.SetTimeout.Timeout kind : toReset) {
                Optional<String> ours = kind == Operation.SetTimeout.Timeout.LOCK ? runLockTimeout() : Optional.empty();
                statements.add(ours.orElseGet(() -> dialect.resetTimeout(kind)));
                if (effects && r == path.get(0)) known.add(null);
            }
            Set<String> after = nextHeads(graph, heads, r, upgrade);
            RevisionInfo runs = r.transactional() && ops.stream().anyMatch(dialect::needsOwnCommits) ? r.outsideTransaction() : r;
            steps.add(new Step(runs, upgrade, statements, Set.copyOf(heads), after, Collections.unmodifiableList(known),
                    Collections.unmodifiableMap(java)));
            heads = after;
        }
        return steps;
    }

    private List<Operation> operations(RevisionInfo r, Migration m, boolean upgrade) {
        Operations op = new Operations(args, dialect.name());
        try {
            if (upgrade) m.upgrade(op);
            else m.downgrade(op);
            return op.operations();
        } catch (RetortException | DeclarationException e) {
            // an SQL revision's own errors already name its file (with the line, where there is one)
            if (e.getMessage().startsWith(r.where() + ":")) throw e instanceof RetortException re ? re : new RetortException(e.getMessage(), e);
            throw new RetortException(r.where() + ": " + e.getMessage(), e);
        } catch (RuntimeException | LinkageError e) {
            throw new RetortException(r.where() + ": " + (upgrade ? "upgrade" : "downgrade") + " failed: " + ModelLoader.describe(e), e);
        }
    }

    /**
     * Lints the upgrades of {@code revisions}, each against the schema the revisions before it make (every revision's
     * upgrade replayed from base, in order, without rendering).
     */
    public List<Finding> lint(RevisionGraph graph, Collection<RevisionInfo> revisions) {
        Set<String> wanted = new HashSet<>();
        revisions.forEach(r -> wanted.add(r.id()));
        Set<String> tips = new LinkedHashSet<>(graph.headsOf(graph.ancestorsOrSelf(wanted)));
        List<RevisionInfo> order = graph.upgradePath(Set.of(), tips);
        Map<String, Migration> code = compiler.load(order);
        Linter linter = new Linter(dialect.name());
        SchemaState state = new SchemaState();
        List<Finding> out = new ArrayList<>();
        for (RevisionInfo r : order) {
            List<Operation> ops = operations(r, code.get(r.id()), true);
            if (wanted.contains(r.id())) out.addAll(linter.lintRevision(r, ops, state.copy()));
            for (Operation o : ops) state.apply(o);
        }
        return out;
    }

    /** The schema the applied revisions imply: their upgrades replayed from base, in order, without rendering. */
    public SchemaState replay(RevisionGraph graph, Set<String> current) {
        SchemaState state = new SchemaState();
        if (current.isEmpty()) return state;
        List<RevisionInfo> applied = graph.upgradePath(Set.of(), current);
        Map<String, Migration> code = compiler.load(applied);
        for (RevisionInfo r : applied) for (Operation o : operations(r, code.get(r.id()), true)) state.apply(o);
        return state;
    }

    /**
     * The heads after one step, from the heads before it: applying a revision replaces its parents; undoing one
     * brings back each parent that no remaining head descends from. (Recomputing from the whole applied set each
     * step made long chains quadratic per step.)
     */
    static Set<String> nextHeads(RevisionGraph graph, Set<String> heads, RevisionInfo r, boolean upgrade) {
        Set<String> after = new LinkedHashSet<>(heads);
        if (upgrade) {
            after.removeAll(r.parents());
            after.add(r.id());
            return after;
        }
        after.remove(r.id());
        for (String p : r.parents()) {
            boolean covered = after.stream().anyMatch(h -> graph.ancestorsOrSelf(List.of(h)).contains(p));
            if (!covered) after.add(p);
        }
        return after;
    }

    /** Runs the steps; on a failing statement the open transaction rolls back and the error names revision and statement. */
    public void run(List<Step> steps, Sink sink, boolean createVersionTables) {
        run(steps, sink, createVersionTables, null);
    }

    /**
     * Runs the steps, resuming {@code partial} (a step that ran in part before) when the first step is that revision
     * and the statements that ran are unchanged. Steps that can run in a transaction go to the strategy of
     * {@code transaction_per}; the others are tracked statement by statement.
     */
    public void run(List<Step> steps, Sink sink, boolean createVersionTables, VersionTable.Partial partial) {
        if (partial != null) TrackedStep.checkResumable(steps, partial);
        Optional<String> bound = runLockTimeout();
        if (bound.isPresent() && !steps.isEmpty()) {
            try {
                sink.execute(bound.get());
            } catch (SQLException e) {
                throw new RetortException("cannot set ddl_lock_timeout [" + bound.get() + "]: " + Connections.describe(e), e, 1);
            }
        }
        if (createVersionTables) createVersionTables(sink);
        String direction = steps.isEmpty() || steps.get(0).upgrade() ? "upgrade" : "downgrade";
        try {
            callbacks.run(Callback.Event.BEFORE_MIGRATE, sink, direction, null, args, dialect.name());
            runSteps(steps, sink, partial);
            callbacks.run(Callback.Event.AFTER_MIGRATE, sink, direction, null, args, dialect.name());
        } catch (RetortException e) {
            if (sink.online() && callbacks.has(Callback.Event.AFTER_MIGRATE_ERROR)) {
                sink.rollback();
                try {
                    callbacks.run(Callback.Event.AFTER_MIGRATE_ERROR, sink, direction, e.getMessage(), args, dialect.name());
                } catch (RetortException again) {
                    log.error("{}", again.getMessage());
                }
            }
            throw e;
        }
    }

    /** The session statement that bounds every lock wait of the run by ddl_lock_timeout, where the server's own wait has none. */
    private Optional<String> runLockTimeout() {
        if (ddlLockTimeout == null || ddlLockTimeout.isZero() || !dialect.unboundedLockWaits()) return Optional.empty();
        return dialect.setTimeout(new Operation.SetTimeout(Operation.SetTimeout.Timeout.LOCK, ddlLockTimeout), false);
    }

    private void runSteps(List<Step> steps, Sink sink, VersionTable.Partial partial) {
        long runStart = System.nanoTime();
        Execution x = new Execution(dialect, versionTable, sink, steps);
        TransactionStrategy strategy = transactionMode == TransactionMode.RUN ? new PerRun(x) : new PerRevision(x, headsReader, partial != null);
        TrackedStep tracked = new TrackedStep(x, schemaReader);
        for (int index = 0; index < steps.size(); ) {
            Step step = steps.get(index);
            sink.comment("Running " + step.direction() + " " + describe(step.headsBefore()) + " -> " + describe(step.headsAfter())
                    + ", " + step.revision().message());
            if (sink.online() && (!step.revision().transactional() || !dialect.transactionalDdl())) {
                strategy.pause();
                long start = System.nanoTime();
                x.starting(index, 1);
                tracked.run(step, x.done == 0 ? partial : null);
                index += x.finished(index, 1, start);
            } else {
                index += strategy.run(index);
            }
        }
        strategy.pause();
        if (!steps.isEmpty() && sink.online()) {
            Step last = steps.get(steps.size() - 1);
            log.info("{} {} revision(s) in {} ms; now at {}", last.upgrade() ? "Upgraded" : "Downgraded", steps.size(),
                    (System.nanoTime() - runStart) / 1_000_000, describe(last.headsAfter()));
        }
    }

    private void createVersionTables(Sink sink) {
        try {
            sink.begin();
            for (String s : versionTable.create()) sink.execute(s);
            sink.commit();
        } catch (SQLException e) {
            sink.rollback();
            throw new RetortException("cannot create the version table " + versionTable.schema() + "." + versionTable.table() + ": "
                    + Connections.describe(e), e);
        }
    }

    private String settling;
    private List<Finding> findings;

    /** Lints each revision of an upgrade as it is planned (the offline script's lint pass); {@link #findings} has the result. */
    public Migrator linting() {
        findings = new ArrayList<>();
        return this;
    }

    /** What planning an upgrade found, after {@link #linting}. */
    public List<Finding> findings() { return findings == null ? List.of() : List.copyOf(findings); }

    /**
     * The revision a killed run left running (a {@link VersionTable.Partial} in state 'running'): planning works out what
     * each of its statements does, so that resuming it can tell from the catalog whether the last one completed.
     */
    public Migrator settling(String revision) {
        this.settling = revision;
        return this;
    }

    private java.time.Duration ddlLockTimeout;
    private LintGate gate;

    /** lint_gate: each revision of an upgrade is linted as it is planned, and the plan refused where the gate says. */
    public Migrator withGate(LintGate g) {
        this.gate = g;
        return this;
    }

    /** ddl_lock_timeout: where the server's wait is unbounded, the run sets it on its session first (online and offline). */
    public Migrator withDdlLockTimeout(java.time.Duration timeout) {
        this.ddlLockTimeout = timeout;
        return this;
    }

    /** Reads one schema of the database on the run's connection, to settle a step a killed run left running. */
    public interface SchemaReader { Catalog read(String schema) throws SQLException; }

    private SchemaReader schemaReader;

    public Migrator withSchemaReader(SchemaReader reader) {
        this.schemaReader = reader;
        return this;
    }

    /** Reads the recorded heads on the run's connection; set for online runs, so a failed chunk can tell how far it got. */
    public interface HeadsReader { Set<String> heads() throws SQLException; }

    private HeadsReader headsReader;

    public Migrator withHeadsReader(HeadsReader reader) {
        this.headsReader = reader;
        return this;
    }

    public static String describe(Set<String> heads) {
        return heads.isEmpty() ? "base" : String.join(", ", heads);
    }
}
