package dev.retort.runtime;

import dev.retort.api.RetortException;
import dev.retort.runtime.Migrator.Step;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Each revision in a transaction of its own, with its version-table move and history row. */
final class PerRevision implements TransactionStrategy {
    private final Execution x;
    private final Migrator.HeadsReader headsReader;
    private final boolean resuming;

    /** {@code resuming}: the first step carries on a partly applied one, so it runs on its own. */
    PerRevision(Execution x, Migrator.HeadsReader headsReader, boolean resuming) {
        this.x = x;
        this.headsReader = headsReader;
        this.resuming = resuming;
    }

    @Override
    public int run(int index) {
        long start = System.nanoTime();
        Step step = x.steps.get(index);
        if (!x.batches(step)) {
            x.starting(index, 1);
            List<String> all = x.bookkept(step);
            boolean transactional = step.revision().transactional();
            try {
                if (transactional) x.sink.begin();
            } catch (SQLException e) {
                throw x.failure(step, all, 1, e, false);
            }
            x.executeEach(step, all, false);
            try {
                if (transactional) x.sink.commit();
            } catch (SQLException e) {
                x.sink.rollback();
                throw x.failure(step, all, all.size(), e, false);
            }
            return x.finished(index, 1, start);
        }
        int chunk = resuming && x.done == 0 ? 1 : x.chunkLength(index);
        x.starting(index, chunk);
        if (chunk > 1 && headsReader != null) return runChunk(index, chunk, start);
        runAtOnce(step, x.bookkept(step));
        return x.finished(index, 1, start);
    }

    @Override
    public void pause() { }

    /**
     * Several revisions in one round trip, each still in a transaction of its own ("BEGIN; ...; COMMIT; BEGIN; ...;
     * COMMIT"). PostgreSQL stops at the first error and skips the rest; the revisions before it are committed. The
     * recorded heads then tell how many got through, and the failing revision runs again on its own, which names the
     * failing statement. Returns how many steps were applied, each counted and logged as done.
     */
    private int runChunk(int index, int size, long start) {
        List<Step> chunk = x.steps.subList(index, index + size);
        List<String> script = new ArrayList<>();
        Step last = x.steps.get(x.steps.size() - 1);
        for (Step step : chunk) {
            script.add(x.dialect.beginStatement());
            // each revision stays atomic with its version-table row; only the run's last commit waits for the disk,
            // and it makes every commit before it durable too (see Dialect.relaxedCommit)
            if (step != last && x.dialect.relaxedCommit() != null) script.add(x.dialect.relaxedCommit());
            script.addAll(x.bookkept(step));
            script.add(x.dialect.commitStatement());
        }
        try {
            x.sink.executeAll(script);
            return x.finished(index, size, start);
        } catch (SQLException e) {
            try {
                x.sink.execute(x.dialect.rollbackStatement());
            } catch (SQLException ignored) {
                // no transaction was open
            }
            Set<String> now;
            try {
                now = headsReader.heads();
            } catch (SQLException again) {
                throw new RetortException("revisions failed and the version table cannot be read: " + Connections.describe(again), again, 1);
            }
            int applied = 0;
            while (applied < chunk.size() && !chunk.get(applied).headsBefore().equals(now)) applied++;
            if (applied == chunk.size()) {
                throw new RetortException("revisions failed and the version table (" + Migrator.describe(now) + ") matches none of them: "
                        + Connections.describe(e), e, 1);
            }
            if (applied > 0) x.finished(index, applied, start); // committed before the failing one: they stay
            Step failing = chunk.get(applied);
            long again = System.nanoTime();
            runAtOnce(failing, x.bookkept(failing)); // fails again, naming the statement; if not, it is applied
            x.finished(index + applied, 1, again);
            return applied + 1;
        }
    }

    /**
     * A revision's statements in one round trip, in one transaction. If it fails, the transaction has rolled back; the
     * statements then run again one by one in a new transaction, rolled back too, to name the one that fails.
     */
    private void runAtOnce(Step step, List<String> all) {
        try {
            x.sink.begin();
            x.sink.executeAll(all);
            x.sink.commit();
        } catch (SQLException batchError) {
            x.sink.rollback();
            try {
                x.sink.begin();
            } catch (SQLException e) {
                throw x.failure(step, all, 1, e, false);
            }
            x.executeEach(step, all, false);
            x.sink.rollback();
            throw x.failure(step, all, all.size(), batchError, false);
        }
    }
}
