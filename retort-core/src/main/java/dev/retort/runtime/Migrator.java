package dev.retort.runtime;

import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.RetortException;
import dev.retort.model.DeclarationException;
import dev.retort.config.RetortConfig.TransactionMode;
import dev.retort.config.Secrets;
import dev.retort.dialect.Dialect;
import dev.retort.ops.Operation;
import dev.retort.ops.SchemaState;
import dev.retort.script.RevisionCompiler;
import dev.retort.script.RevisionGraph;
import dev.retort.script.RevisionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
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
                       List<Effect> effects) {
        public String direction() { return upgrade ? "upgrade" : "downgrade"; }
    }

    /** What one statement does to one table, and the history's state around it (for its enum types). */
    public record Effect(SchemaState.TableChange change, SchemaState state) {}

    private final Dialect dialect;
    private final VersionTable versionTable;
    private final RevisionCompiler compiler;
    private final TransactionMode transactionMode;

    public Migrator(Dialect dialect, VersionTable versionTable, RevisionCompiler compiler, TransactionMode transactionMode) {
        this.dialect = dialect;
        this.versionTable = versionTable;
        this.compiler = compiler;
        this.transactionMode = transactionMode;
    }

    /** Checks that every recorded head is a known revision. */
    public static void checkKnown(RevisionGraph graph, Set<String> heads, String where) {
        for (String h : heads) {
            if (!graph.contains(h)) {
                throw new RetortException("the database is at revision " + h + ", which no file in " + where
                        + " has; restore the file, or record another revision with 'retort stamp'");
            }
        }
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
        Set<String> heads = new LinkedHashSet<>(current);
        List<Step> steps = new ArrayList<>();
        for (RevisionInfo r : path) {
            List<Operation> ops = operations(r, code.get(r.id()), upgrade);
            List<String> statements = new ArrayList<>();
            List<Effect> known = new ArrayList<>();
            for (Operation o : ops) {
                boolean track = effects && r == path.get(0);
                SchemaState before = track ? state.copy() : null;
                List<String> rendered;
                try {
                    rendered = dialect.renderStep(o, state);
                } catch (RuntimeException e) {
                    throw new RetortException(r.where() + ": cannot render " + o.target() + ": " + e.getMessage(), e);
                }
                statements.addAll(rendered);
                if (track) {
                    var change = rendered.size() == 1 && !(o instanceof Operation.Execute) ? state.changeSince(before) : java.util.Optional.<SchemaState.TableChange>empty();
                    for (int k = 0; k < rendered.size(); k++) known.add(change.map(c -> new Effect(c, before)).orElse(null));
                }
            }
            Set<String> after = nextHeads(graph, heads, r, upgrade);
            steps.add(new Step(r, upgrade, statements, Set.copyOf(heads), after, java.util.Collections.unmodifiableList(known)));
            heads = after;
        }
        return steps;
    }

    private static List<Operation> operations(RevisionInfo r, Migration m, boolean upgrade) {
        Operations op = new Operations();
        try {
            if (upgrade) m.upgrade(op);
            else m.downgrade(op);
            return op.operations();
        } catch (RetortException | DeclarationException e) {
            throw new RetortException(r.where() + ": " + e.getMessage(), e);
        } catch (RuntimeException | LinkageError e) {
            throw new RetortException(r.where() + ": " + (upgrade ? "upgrade" : "downgrade") + " failed: " + ModelLoader.describe(e), e);
        }
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
     * and the statements that ran are unchanged.
     */
    public void run(List<Step> steps, Sink sink, boolean createVersionTables, VersionTable.Partial partial) {
        if (partial != null) checkResumable(steps, partial);
        boolean perRun = transactionMode == TransactionMode.RUN;
        long runStart = System.nanoTime();
        try {
            if (createVersionTables) {
                sink.begin();
                for (String s : versionTable.create()) sink.execute(s);
                sink.commit();
            }
        } catch (SQLException e) {
            sink.rollback();
            throw new RetortException("cannot create the version table " + versionTable.schema() + "." + versionTable.table() + ": "
                    + Connections.firstLine(Secrets.mask(e.getMessage())), e);
        }
        boolean inRunTransaction = false;
        int done = 0;
        for (int index = 0; index < steps.size(); index++) {
            Step step = steps.get(index);
            RevisionInfo r = step.revision();
            sink.comment("Running " + step.direction() + " " + describe(step.headsBefore()) + " -> " + describe(step.headsAfter())
                    + ", " + r.message());
            long start = System.nanoTime();
            List<String> all = bookkept(step);
            boolean transactional = r.transactional();
            if (sink.online() && (!transactional || !dialect.transactionalDdl())) {
                if (inRunTransaction) {
                    try {
                        sink.commit();
                    } catch (SQLException e) {
                        sink.rollback();
                        throw new RetortException("commit failed: " + Connections.firstLine(Secrets.mask(e.getMessage())), e, 1);
                    }
                    inRunTransaction = false;
                }
                starting(steps, index, 1);
                runTracked(step, sink, done, done == 0 ? partial : null);
                done++;
                finished(steps, index, start);
                continue;
            }
            if (transactional && sink.online() && dialect.transactionalDdl() && dialect.multiStatements()) {
                int chunk = chunkLength(steps, index, partial != null && done == 0);
                if (perRun) {
                    if (!inRunTransaction) {
                        try {
                            sink.begin();
                        } catch (SQLException e) {
                            throw new RetortException("cannot begin the run's transaction: " + Connections.firstLine(Secrets.mask(e.getMessage())), e, 1);
                        }
                        inRunTransaction = true;
                    }
                    starting(steps, index, chunk);
                    runChunkInRun(steps.subList(index, index + chunk), sink, done);
                    logChunk(steps, index, chunk, start);
                    done += chunk;
                    index += chunk - 1;
                    continue;
                }
                if (chunk > 1 && headsReader != null) {
                    starting(steps, index, chunk);
                    int applied = runChunk(steps.subList(index, index + chunk), sink, done);
                    logChunk(steps, index, applied, start);
                    done += applied;
                    index += applied - 1;
                    continue;
                }
                starting(steps, index, 1);
                runAtOnce(step, all, sink, done);
                done++;
                finished(steps, index, start);
                continue;
            }
            int n = 0;
            if (sink.online()) starting(steps, index, 1);
            try {
                if (transactional && (!perRun || !inRunTransaction)) {
                    sink.begin();
                    inRunTransaction = perRun;
                } else if (!transactional && inRunTransaction) {
                    sink.commit();
                    inRunTransaction = false;
                }
                for (String sql : all) {
                    n++;
                    sink.execute(sql);
                }
                if (transactional && !perRun) sink.commit();
            } catch (SQLException e) {
                sink.rollback();
                throw failure(step, all, n, e, done, perRun);
            }
            done++;
            if (sink.online()) finished(steps, index, start);
        }
        try {
            if (inRunTransaction) sink.commit();
        } catch (SQLException e) {
            sink.rollback();
            throw new RetortException("commit failed: " + Connections.firstLine(Secrets.mask(e.getMessage())) + "; nothing from this run was applied", e, 1);
        }
        if (!steps.isEmpty() && sink.online()) {
            Step last = steps.get(steps.size() - 1);
            log.info("{} {} revision(s) in {} ms; now at {}", last.upgrade() ? "Upgraded" : "Downgraded", steps.size(),
                    (System.nanoTime() - runStart) / 1_000_000, describe(last.headsAfter()));
        }
    }

    /**
     * A step's statements followed by its version-table move and its history row; where the database measures the
     * duration from the row's start time, the row goes first and its duration is set last.
     */
    private List<String> bookkept(Step step) {
        RevisionInfo r = step.revision();
        String record = versionTable.record(r.id(), step.direction(), r.message(), r.checksum());
        List<String> all = new ArrayList<>();
        if (versionTable.measuresAtEnd()) all.add(record);
        all.addAll(step.statements());
        all.addAll(versionTable.move(step.headsBefore(), step.headsAfter()));
        all.add(versionTable.measuresAtEnd() ? versionTable.measured() : record);
        return all;
    }

    /** "[12/500]": where a step stands in the run, for the log. */
    private static String counter(List<Step> steps, int index) {
        return "[" + (index + 1) + "/" + steps.size() + "]";
    }

    /** Logs what is about to run: one revision, or the revisions of a round trip, so a long statement is never a silent wait. */
    private static void starting(List<Step> steps, int index, int count) {
        Step s = steps.get(index);
        String verb = s.upgrade() ? "Upgrading" : "Downgrading";
        if (count == 1) {
            log.info("{} {} {} {}", counter(steps, index), verb, s.revision().id(), s.revision().message());
        } else {
            log.info("[{}-{}/{}] {} {} revisions in one round trip, {} to {}", index + 1, index + count, steps.size(), verb, count,
                    s.revision().id(), steps.get(index + count - 1).revision().id());
        }
    }

    private static void finished(List<Step> steps, int index, long start) {
        Step s = steps.get(index);
        log.info("{} {} {} {} ({} ms)", counter(steps, index), s.upgrade() ? "Applied" : "Undid", s.revision().id(), s.revision().message(),
                (System.nanoTime() - start) / 1_000_000);
    }

    private static void logChunk(List<Step> steps, int index, int count, long start) {
        long ms = (System.nanoTime() - start) / 1_000_000;
        for (int i = index; i < index + count; i++) {
            Step s = steps.get(i);
            log.info("{} {} {} {} ({} ms for {} revisions together)", counter(steps, i), s.upgrade() ? "Applied" : "Undid", s.revision().id(),
                    s.revision().message(), ms, count);
        }
    }

    /**
     * Several revisions in one round trip inside the run's one transaction ({@code transaction_per = "run"}), after a
     * savepoint, with one version-table move and one history statement for all of them. PostgreSQL stops at the first error; the chunk then rolls back to the savepoint and runs again
     * statement by statement to name the failing one, and the whole run rolls back.
     */
    private void runChunkInRun(List<Step> chunk, Sink sink, int done) {
        // one transaction: only the chunk's final heads matter, and its history rows go in one statement
        List<String> script = new ArrayList<>();
        script.add("SAVEPOINT retort_chunk");
        List<String[]> rows = new ArrayList<>();
        for (Step step : chunk) {
            script.addAll(step.statements());
            RevisionInfo r = step.revision();
            rows.add(new String[] {r.id(), step.direction(), r.message(), r.checksum()});
        }
        script.addAll(versionTable.move(chunk.get(0).headsBefore(), chunk.get(chunk.size() - 1).headsAfter()));
        script.add(versionTable.records(rows));
        try {
            sink.executeAll(script);
            return;
        } catch (SQLException e) {
            try {
                sink.execute("ROLLBACK TO SAVEPOINT retort_chunk");
            } catch (SQLException again) {
                sink.rollback();
                throw new RetortException("revisions failed: " + Connections.firstLine(Secrets.mask(e.getMessage()))
                        + "; nothing from this run was applied", e, 1);
            }
        }
        for (int k = 0; k < chunk.size(); k++) {
            List<String> all = bookkept(chunk.get(k));
            int n = 0;
            try {
                for (String sql : all) {
                    n++;
                    sink.execute(sql);
                }
            } catch (SQLException e) {
                sink.rollback();
                throw failure(chunk.get(k), all, n, e, done + k, true);
            }
        }
    }

    private String settling;

    /**
     * The revision a killed run left running (a {@link VersionTable.Partial} in state 'running'): planning works out what
     * each of its statements does, so that resuming it can tell from the catalog whether the last one completed.
     */
    public Migrator settling(String revision) {
        this.settling = revision;
        return this;
    }

    /** Reads one schema of the database on the run's connection, for {@link #completed}. */
    public interface SchemaReader { dev.retort.schema.Catalog read(String schema) throws SQLException; }

    private SchemaReader schemaReader;

    public Migrator withSchemaReader(SchemaReader reader) {
        this.schemaReader = reader;
        return this;
    }

    /**
     * Whether statement {@code index} of a step that a killed run was sending had completed: the server may finish a
     * statement after its client is gone (MySQL's DDL does), so the table it changes is read and compared with the
     * history's table after the statement and before it. Empty when neither matches, or the statement's effect is not
     * known: then Retort cannot tell and refuses.
     */
    private java.util.Optional<Boolean> completed(Step step, int index) throws SQLException {
        Effect e = step.effects().size() > index ? step.effects().get(index) : null;
        if (e == null || schemaReader == null) return java.util.Optional.empty();
        SchemaState.TableChange c = e.change();
        dev.retort.schema.Catalog read = schemaReader.read(c.schema());
        dev.retort.schema.Table now = read.table(c.schema(), c.name()).orElse(null);
        dev.retort.schema.Catalog db = e.state().catalogOf(c.schema(), now);
        db = new dev.retort.schema.Catalog(db.schemas(), true);
        dev.retort.compare.Compare compare = new dev.retort.compare.Compare(dialect, new dev.retort.compare.CompareOptions(true, true));
        if (compare.compare(db, dialect.normalize(e.state().catalogOf(c.schema(), c.after()))).isEmpty()) return java.util.Optional.of(true);
        if (compare.compare(db, dialect.normalize(e.state().catalogOf(c.schema(), c.before()))).isEmpty()) return java.util.Optional.of(false);
        return java.util.Optional.empty();
    }

    /** Reads the recorded heads on the run's connection; set for online runs, so a failed chunk can tell how far it got. */
    public interface HeadsReader { Set<String> heads() throws SQLException; }

    private HeadsReader headsReader;

    public Migrator withHeadsReader(HeadsReader reader) {
        this.headsReader = reader;
        return this;
    }

    static final int CHUNK_REVISIONS = 50, CHUNK_CHARS = 1 << 20;

    /** How many steps from {@code from} can go in one round trip: transactional ones, up to 50 or 1 MB of SQL. */
    private static int chunkLength(List<Step> steps, int from, boolean resuming) {
        if (resuming) return 1;
        int n = 0, chars = 0;
        for (int i = from; i < steps.size() && n < CHUNK_REVISIONS; i++) {
            Step s = steps.get(i);
            if (!s.revision().transactional()) break;
            for (String sql : s.statements()) chars += sql.length();
            if (n > 0 && chars > CHUNK_CHARS) break;
            n++;
        }
        return Math.max(n, 1);
    }

    /**
     * Several revisions in one round trip, each still in a transaction of its own with its version-table move and
     * history row ("BEGIN; ...; COMMIT; BEGIN; ...; COMMIT"). PostgreSQL stops at the first error and skips the rest; the
     * revisions before it are committed. The recorded heads then tell how many got through, and the failing revision
     * runs again on its own, which names the failing statement. Returns how many steps were applied.
     */
    private int runChunk(List<Step> chunk, Sink sink, int done) {
        List<String> script = new ArrayList<>();
        for (Step step : chunk) {
            script.add("BEGIN");
            script.addAll(bookkept(step));
            script.add("COMMIT");
        }
        try {
            sink.executeAll(script);
            return chunk.size();
        } catch (SQLException e) {
            try {
                sink.execute("ROLLBACK");
            } catch (SQLException ignored) {
                // no transaction was open
            }
            Set<String> now;
            try {
                now = headsReader.heads();
            } catch (SQLException again) {
                throw new RetortException("revisions failed and the version table cannot be read: " + Connections.firstLine(Secrets.mask(again.getMessage())), again, 1);
            }
            int applied = 0;
            while (applied < chunk.size() && !chunk.get(applied).headsBefore().equals(now)) applied++;
            if (applied == chunk.size()) {
                throw new RetortException("revisions failed and the version table (" + describe(now) + ") matches none of them: "
                        + Connections.firstLine(Secrets.mask(e.getMessage())), e, 1);
            }
            Step failing = chunk.get(applied);
            runAtOnce(failing, bookkept(failing), sink, done + applied); // fails again, naming the statement; if not, it is applied
            return applied + 1;
        }
    }

    /**
     * A revision's statements in one round trip, in one transaction. If it fails, the transaction has rolled back; the
     * statements then run again one by one in a new transaction, rolled back too, to name the one that fails.
     */
    private void runAtOnce(Step step, List<String> all, Sink sink, int done) {
        try {
            sink.begin();
            sink.executeAll(all);
            sink.commit();
            return;
        } catch (SQLException batchError) {
            sink.rollback();
            int n = 0;
            try {
                sink.begin();
                for (String sql : all) {
                    n++;
                    sink.execute(sql);
                }
            } catch (SQLException e) {
                sink.rollback();
                throw failure(step, all, n, e, done, false);
            }
            sink.rollback();
            throw failure(step, all, all.size(), batchError, done, false);
        }
    }

    /** A partly applied step can only be carried on: by the same revision, in the same direction, with the same statements. */
    private static void checkResumable(List<Step> steps, VersionTable.Partial p) {
        String how = "; undo what ran by hand, then run 'retort repair' to clear the mark";
        if (steps.isEmpty() || !steps.get(0).revision().id().equals(p.revision()) || !steps.get(0).direction().equals(p.direction())) {
            throw new RetortException(p.describe(-1) + "; only 'retort " + p.direction() + "' through it can resume it" + how, null, 1);
        }
        List<String> stmts = steps.get(0).statements();
        if (p.progress() > stmts.size() || p.progress() > 0 && !hash(stmts, p.progress()).equals(p.hash())) {
            throw new RetortException(p.describe(stmts.size()) + "; the statements that ran have changed since, so it cannot resume" + how, null, 1);
        }
    }

    /** SHA-256 of the first {@code n} statements' text. */
    static String hash(List<String> statements, int n) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < n; i++) {
                md.update(statements.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A step that runs outside a transaction, statement by statement, recording after each one how many ran. A
     * failure leaves the version table where it was and the step marked failed, with the statements that ran named;
     * a later run resumes after them if they are unchanged.
     */
    private void runTracked(Step step, Sink sink, int done, VersionTable.Partial resume) {
        RevisionInfo r = step.revision();
        List<String> stmts = step.statements();
        String dir = step.direction();
        int from = 0;
        try {
            if (resume != null) {
                from = resume.progress();
                sink.execute(versionTable.resume(resume.id(), r.checksum()));
                if (resume.state().equals("running") && from < stmts.size()) {
                    int settled = settle(step, from);
                    if (settled > from) sink.execute(versionTable.progress(r.id(), dir, settled, hash(stmts, settled)));
                    from = settled;
                }
                if (from > 0) log.info("Resuming {} of {} after statement {} of {}, which ran before", dir, r.id(), from, stmts.size());
            } else {
                sink.execute(versionTable.startTracked(r.id(), dir, r.message(), r.checksum()));
            }
        } catch (SQLException e) {
            throw new RetortException("cannot record the start of revision " + r.id() + ": " + Connections.firstLine(Secrets.mask(e.getMessage())), e, 1);
        }
        for (int i = from; i < stmts.size(); i++) {
            try {
                sink.execute(stmts.get(i));
            } catch (SQLException e) {
                String error = Connections.firstLine(Secrets.mask(e.getMessage()));
                String stmt = stmts.get(i).strip().lines().findFirst().orElse("");
                String ran = i == 0 ? "none of its statements ran" : i == 1 ? "statement 1 ran and stays applied" : "statements 1-" + i + " ran and stay applied";
                try {
                    sink.execute(versionTable.failed(r.id(), dir, "failed at statement " + (i + 1) + " of " + stmts.size() + ": " + error));
                } catch (SQLException ignored) {
                    // the connection is gone: the row stays 'running', which reads the same
                }
                String kept = done == 0 ? "" : "; " + done + " revision(s) before it stay applied";
                throw new RetortException(String.format("revision %s (%s) failed at statement %d of %d [%s]: %s; %s, the version table still says %s%s."
                        + " Fix the revision and run 'retort %s' again to carry on from statement %d, or undo what ran by hand and run 'retort repair'",
                        r.id(), r.where(), i + 1, stmts.size(), stmt, error, ran, describe(step.headsBefore()), kept, dir, i + 1), e, 1);
            }
            try {
                sink.execute(versionTable.progress(r.id(), dir, i + 1, hash(stmts, i + 1)));
            } catch (SQLException e) {
                throw new RetortException("revision " + r.id() + ": cannot record progress after statement " + (i + 1) + ": "
                        + Connections.firstLine(Secrets.mask(e.getMessage())), e, 1);
            }
        }
        try {
            sink.begin();
            for (String s : versionTable.move(step.headsBefore(), step.headsAfter())) sink.execute(s);
            sink.execute(versionTable.finished(r.id(), dir));
            sink.commit();
        } catch (SQLException e) {
            sink.rollback();
            throw new RetortException("revision " + r.id() + " ran, but recording it failed: " + Connections.firstLine(Secrets.mask(e.getMessage()))
                    + "; run 'retort " + dir + "' again to record it", e, 1);
        }
    }

    /**
     * A step left 'running' (not 'failed') stopped while statement {@code from + 1} may have been on its way: its
     * process was killed, and the server may have finished the statement since. Returns where to carry on: after it if
     * the table shows it ran, at it if the table shows it did not; refuses if the table shows neither or cannot tell.
     */
    private int settle(Step step, int from) throws SQLException {
        RevisionInfo r = step.revision();
        String stmt = step.statements().get(from).strip().lines().findFirst().orElse("");
        java.util.Optional<Boolean> done = completed(step, from);
        if (done.isEmpty()) {
            throw new RetortException(String.format("revision %s (%s) stopped while statement %d of %d [%s] may have been running, and Retort"
                    + " cannot tell from the catalog whether it completed; check it by hand, then undo what ran and run 'retort repair'",
                    r.id(), r.where(), from + 1, step.statements().size(), stmt), null, 1);
        }
        if (!done.get()) {
            log.info("Statement {} of {} of {} [{}] had not run when the last run stopped: running it", from + 1, step.statements().size(), r.id(), stmt);
            return from;
        }
        log.info("Statement {} of {} of {} [{}] completed after the last run stopped: recording it", from + 1, step.statements().size(), r.id(), stmt);
        return from + 1;
    }

    private static RetortException failure(Step step, List<String> all, int n, SQLException e, int done, boolean perRun) {
        RevisionInfo r = step.revision();
        String stmt = all.get(n - 1).strip().lines().findFirst().orElse("");
        String kept = perRun ? "nothing from this run was applied" : done == 0 ? "nothing was applied" : done + " revision(s) before it stay applied";
        return new RetortException(String.format("revision %s (%s) failed at statement %d of %d [%s]: %s; %s",
                r.id(), r.where(), n, all.size(), stmt, Connections.firstLine(Secrets.mask(e.getMessage())), kept), e, 1);
    }

    public static String describe(Set<String> heads) {
        return heads.isEmpty() ? "base" : String.join(", ", heads);
    }
}
