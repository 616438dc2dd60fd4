package dev.retort.runtime;

import dev.retort.dialect.VersionTable;
import dev.retort.api.RetortException;
import dev.retort.compare.Compare;
import dev.retort.compare.CompareOptions;
import dev.retort.config.Sha256;
import dev.retort.ops.SchemaState;
import dev.retort.runtime.Migrator.Effect;
import dev.retort.runtime.Migrator.Step;
import dev.retort.schema.Catalog;
import dev.retort.schema.Table;
import dev.retort.script.RevisionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * A step that runs outside a transaction (a revision marked {@code transactional = false}, or any revision where DDL
 * is not transactional): statement by statement, its progress recorded after each, so that a failed or killed run can
 * be carried on where it stopped.
 */
final class TrackedStep {
    private static final Logger log = LoggerFactory.getLogger("dev.retort");
    private final Execution x;
    private final Migrator.SchemaReader schemaReader;

    TrackedStep(Execution x, Migrator.SchemaReader schemaReader) {
        this.x = x;
        this.schemaReader = schemaReader;
    }

    /**
     * A step that runs outside a transaction, statement by statement, recording after each one how many ran. A
     * failure leaves the version table where it was and the step marked failed, with the statements that ran named;
     * a later run resumes after them if they are unchanged.
     */
    void run(Step step, VersionTable.Partial resume) {
        Sink sink = x.sink;
        VersionTable versionTable = x.versionTable;
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
            throw new RetortException("cannot record the start of revision " + r.id() + ": " + Connections.describe(e), e, 1);
        }
        for (int i = from; i < stmts.size(); i++) {
            try {
                x.send(step, stmts.get(i));
            } catch (SQLException e) {
                String error = x.describe(e);
                String stmt = stmts.get(i).strip().lines().findFirst().orElse("");
                String ran = i == 0 ? "none of its statements ran" : i == 1 ? "statement 1 ran and stays applied" : "statements 1-" + i + " ran and stay applied";
                try {
                    sink.execute(versionTable.failed(r.id(), dir, "failed at statement " + (i + 1) + " of " + stmts.size() + ": " + error));
                } catch (SQLException ignored) {
                    // the connection is gone: the row stays 'running', which reads the same
                }
                String kept = x.done == 0 ? "" : "; " + x.done + " revision(s) before it stay applied";
                throw new RetortException(String.format("revision %s (%s) failed at statement %d of %d [%s]: %s; %s, the version table still says %s%s."
                        + " Fix the revision and run 'retort %s' again to carry on from statement %d, or undo what ran by hand and run 'retort repair'",
                        r.id(), r.where(), i + 1, stmts.size(), stmt, error, ran, Migrator.describe(step.headsBefore()), kept, dir, i + 1), e, 1);
            }
            try {
                sink.execute(versionTable.progress(r.id(), dir, i + 1, hash(stmts, i + 1)));
            } catch (SQLException e) {
                throw new RetortException("revision " + r.id() + ": cannot record progress after statement " + (i + 1) + ": "
                        + Connections.describe(e), e, 1);
            }
        }
        try {
            sink.begin();
            for (String s : versionTable.move(step.headsBefore(), step.headsAfter())) sink.execute(s);
            sink.execute(versionTable.finished(r.id(), dir));
            sink.commit();
        } catch (SQLException e) {
            sink.rollback();
            throw new RetortException("revision " + r.id() + " ran, but recording it failed: " + Connections.describe(e)
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
        Optional<Boolean> done = completed(step, from);
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

    /**
     * Whether statement {@code index} of a step that a killed run was sending had completed: the server may finish a
     * statement after its client is gone (MySQL's DDL does), so the table it changes is read and compared with the
     * history's table after the statement and before it; where the history does not know the table (raw SQL, a table an
     * SQL revision made), the name the statement makes or drops is looked for ({@link StatementEffect}). Empty when
     * neither tells: then Retort cannot tell and refuses.
     */
    private Optional<Boolean> completed(Step step, int index) throws SQLException {
        Effect e = step.effects().size() > index ? step.effects().get(index) : null;
        if (schemaReader == null) return Optional.empty();
        if (e != null) {
            SchemaState.TableChange c = e.change();
            Catalog read = schemaReader.read(c.schema());
            Table now = read.table(c.schema(), c.name()).orElse(null);
            Catalog db = new Catalog(e.state().catalogOf(c.schema(), now).schemas(), true);
            Compare compare = new Compare(x.dialect, new CompareOptions(true, true));
            if (compare.compare(db, x.dialect.normalize(e.state().catalogOf(c.schema(), c.after()))).isEmpty()) return Optional.of(true);
            if (compare.compare(db, x.dialect.normalize(e.state().catalogOf(c.schema(), c.before()))).isEmpty()) return Optional.of(false);
        }
        // raw SQL, or a table the history knows otherwise than it is: what the statement names, as the catalog shows it
        Optional<StatementEffect> named = StatementEffect.of(step.statements().get(index), x.dialect.defaultSchema());
        if (named.isEmpty()) return Optional.empty();
        return named.get().completedIn(schemaReader.read(named.get().schema()));
    }

    /** A partly applied step can only be carried on: by the same revision, in the same direction, with the same statements. */
    static void checkResumable(List<Step> steps, VersionTable.Partial p) {
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
    static String hash(List<String> statements, int n) { return Sha256.hex(Sha256.ofEach(statements.subList(0, n))); }

}
