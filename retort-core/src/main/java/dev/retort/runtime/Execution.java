package dev.retort.runtime;

import dev.retort.dialect.VersionTable;
import dev.retort.api.RetortException;
import dev.retort.dialect.Dialect;
import dev.retort.ops.Operation;
import dev.retort.runtime.Migrator.Step;
import dev.retort.script.RevisionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of planned steps on one sink: what every transaction strategy shares (the steps' statements with their
 * version-table bookkeeping, how many revisions are done, the progress log and the error a failed statement gives).
 */
final class Execution {
    private static final Logger log = LoggerFactory.getLogger("dev.retort");

    final Dialect dialect;
    final VersionTable versionTable;
    final Sink sink;
    final List<Step> steps;
    /** Revisions applied (or undone) so far in this run. */
    int done;

    Execution(Dialect dialect, VersionTable versionTable, Sink sink, List<Step> steps) {
        this.dialect = dialect;
        this.versionTable = versionTable;
        this.sink = sink;
        this.steps = steps;
    }

    /**
     * A step's statements followed by its version-table move and its history row; where the database measures the
     * duration from the row's start time, the row goes first and its duration is set last.
     */
    List<String> bookkept(Step step) {
        RevisionInfo r = step.revision();
        String record = versionTable.record(r.id(), step.direction(), r.message(), r.checksum());
        List<String> all = new ArrayList<>();
        if (versionTable.measuresAtEnd()) all.add(record);
        all.addAll(step.statements());
        all.addAll(versionTable.move(step.headsBefore(), step.headsAfter()));
        all.add(versionTable.measuresAtEnd() ? versionTable.measured() : record);
        return all;
    }

    /** Executes the statements one by one; on a failure rolls back and names revision and statement. */
    void executeEach(Step step, List<String> all, boolean perRun) {
        int n = 0;
        try {
            for (String sql : all) {
                n++;
                send(step, sql);
            }
        } catch (SQLException e) {
            sink.rollback();
            throw failure(step, all, n, e, perRun);
        }
    }

    /** One statement of a step, or the Java step it stands for: run on the connection online, its offline SQL in a script. */
    void send(Step step, String sql) throws SQLException {
        Operation.RunJava java = step.java().get(sql);
        if (java == null) sink.execute(sql);
        else if (sink.online()) sink.run(java.work());
        else sink.execute(java.offlineSql());
    }

    RetortException failure(Step step, List<String> all, int n, SQLException e, boolean perRun) {
        RevisionInfo r = step.revision();
        String stmt = all.get(n - 1).strip().lines().findFirst().orElse("");
        String kept = perRun ? "nothing from this run was applied" : done == 0 ? "nothing was applied" : done + " revision(s) before it stay applied";
        return new RetortException(String.format("revision %s (%s) failed at statement %d of %d [%s]: %s; %s",
                r.id(), r.where(), n, all.size(), stmt, describe(e), kept), e, 1);
    }

    /** A failed statement's error in one line; when it gave up waiting for a lock, with the sessions in its way. */
    String describe(SQLException e) {
        String holders = sink.lockHolders(e);
        return Connections.describe(e) + (holders == null ? "" : "; " + holders + " (raise ddl_lock_timeout in retort.toml, or op.lockTimeout(...)"
                + " in the revision, or end that session's transaction)");
    }

    // ---- the progress log ----

    /** "[12/500]": where a step stands in the run, for the log. */
    private String counter(int index) { return "[" + (index + 1) + "/" + steps.size() + "]"; }

    /** Logs what is about to run: one revision, or the revisions of a round trip, so a long statement is never a silent wait. */
    void starting(int index, int count) {
        if (!sink.online()) return;
        Step s = steps.get(index);
        String verb = s.upgrade() ? "Upgrading" : "Downgrading";
        if (count == 1) {
            log.info("{} {} {} {}", counter(index), verb, s.revision().id(), s.revision().message());
        } else {
            log.info("[{}-{}/{}] {} {} revisions in one round trip, {} to {}", index + 1, index + count, steps.size(), verb, count,
                    s.revision().id(), steps.get(index + count - 1).revision().id());
        }
    }

    /** Counts the steps from {@code index} that just ran, {@code count} of them together, and logs them; returns count. */
    int finished(int index, int count, long start) {
        done += count;
        if (!sink.online()) return count;
        long ms = (System.nanoTime() - start) / 1_000_000;
        for (int i = index; i < index + count; i++) {
            Step s = steps.get(i);
            String verb = s.upgrade() ? "Applied" : "Undid";
            if (count == 1) log.info("{} {} {} {} ({} ms)", counter(i), verb, s.revision().id(), s.revision().message(), ms);
            else log.info("{} {} {} {} ({} ms for {} revisions together)", counter(i), verb, s.revision().id(), s.revision().message(), ms, count);
        }
        return count;
    }

    /** How many steps from {@code from} can go in one round trip: transactional ones, up to 50 or 1 MB of SQL. */
    int chunkLength(int from) {
        int n = 0, chars = 0;
        for (int i = from; i < steps.size() && n < CHUNK_REVISIONS; i++) {
            Step s = steps.get(i);
            if (!s.revision().transactional() || s.runsJava()) break;
            for (String sql : s.statements()) chars += sql.length();
            if (n > 0 && chars > CHUNK_CHARS) break;
            n++;
        }
        return Math.max(n, 1);
    }

    static final int CHUNK_REVISIONS = 50, CHUNK_CHARS = 1 << 20;

    /** Whether several statements (and transactions) can go in one round trip here, starting with this step. */
    boolean batches(Step first) { return sink.online() && dialect.transactionalDdl() && dialect.multiStatements() && !first.runsJava(); }
}
