package dev.retort.runtime;

import dev.retort.api.RetortException;
import dev.retort.runtime.Migrator.Step;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** One transaction for the whole run ({@code transaction_per = "run"}): a failure anywhere applies nothing. */
final class PerRun implements TransactionStrategy {
    private static final String SAVEPOINT = "retort_chunk";
    private final Execution x;
    private boolean open;

    PerRun(Execution x) { this.x = x; }

    @Override
    public int run(int index) {
        long start = System.nanoTime();
        Step step = x.steps.get(index);
        boolean batches = x.batches(step);
        int count = batches ? x.chunkLength(index) : 1;
        x.starting(index, count);
        boolean transactional = step.revision().transactional();
        if (transactional) open();
        else pause(); // offline only: online, a step outside a transaction is a tracked one
        if (batches) runChunk(x.steps.subList(index, index + count));
        else x.executeEach(step, x.bookkept(step), true);
        return x.finished(index, count, start);
    }

    private void open() {
        if (open) return;
        try {
            x.sink.begin();
        } catch (SQLException e) {
            throw new RetortException("cannot begin the run's transaction: " + Connections.describe(e), e, 1);
        }
        open = true;
    }

    @Override
    public void pause() {
        if (!open) return;
        open = false;
        try {
            x.sink.commit();
        } catch (SQLException e) {
            x.sink.rollback();
            throw new RetortException("commit failed: " + Connections.describe(e) + "; nothing from this run was applied", e, 1);
        }
    }

    /**
     * Several revisions in one round trip after a savepoint, with one version-table move and one history statement for
     * all of them. PostgreSQL stops at the first error; the chunk then rolls back to the savepoint and runs again
     * statement by statement to name the failing one, and the whole run rolls back.
     */
    private void runChunk(List<Step> chunk) {
        // one transaction: only the chunk's final heads matter, and its history rows go in one statement
        List<String> script = new ArrayList<>();
        script.add(x.dialect.savepoint(SAVEPOINT));
        List<String[]> rows = new ArrayList<>();
        for (Step step : chunk) {
            script.addAll(step.statements());
            rows.add(new String[] {step.revision().id(), step.direction(), step.revision().message(), step.revision().checksum()});
        }
        script.addAll(x.versionTable.move(chunk.get(0).headsBefore(), chunk.get(chunk.size() - 1).headsAfter()));
        script.add(x.versionTable.records(rows));
        try {
            x.sink.executeAll(script);
            return;
        } catch (SQLException e) {
            try {
                x.sink.execute(x.dialect.rollbackToSavepoint(SAVEPOINT));
            } catch (SQLException again) {
                x.sink.rollback();
                open = false;
                throw new RetortException("revisions failed: " + Connections.describe(e) + "; nothing from this run was applied", e, 1);
            }
        }
        for (Step step : chunk) x.executeEach(step, x.bookkept(step), true);
    }
}
