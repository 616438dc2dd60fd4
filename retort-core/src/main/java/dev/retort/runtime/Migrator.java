package dev.retort.runtime;

import dev.retort.api.Migration;
import dev.retort.api.Operations;
import dev.retort.api.RetortException;
import dev.retort.config.RetortConfig.TransactionMode;
import dev.retort.config.Secrets;
import dev.retort.dialect.Dialect;
import dev.retort.ops.Operation;
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

    /** One revision applied or undone: its statements, and the heads before and after it. */
    public record Step(RevisionInfo revision, boolean upgrade, List<String> statements, Set<String> headsBefore, Set<String> headsAfter) {
        public String direction() { return upgrade ? "upgrade" : "downgrade"; }
    }

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
        Map<String, Migration> code = compiler.load(path);
        Set<String> heads = new LinkedHashSet<>(current);
        List<Step> steps = new ArrayList<>();
        for (RevisionInfo r : path) {
            Operations op = new Operations();
            Migration m = code.get(r.id());
            try {
                if (upgrade) m.upgrade(op);
                else m.downgrade(op);
            } catch (RetortException e) {
                throw new RetortException(r.where() + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new RetortException(r.where() + ": " + (upgrade ? "upgrade" : "downgrade") + " failed: " + e, e);
            }
            List<String> statements = new ArrayList<>();
            for (Operation o : op.operations()) {
                try {
                    statements.addAll(dialect.render(o));
                } catch (RuntimeException e) {
                    throw new RetortException(r.where() + ": cannot render " + o.target() + ": " + e.getMessage(), e);
                }
            }
            Set<String> after = nextHeads(graph, heads, r, upgrade);
            steps.add(new Step(r, upgrade, statements, Set.copyOf(heads), after));
            heads = after;
        }
        return steps;
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
        for (Step step : steps) {
            RevisionInfo r = step.revision();
            sink.comment("Running " + step.direction() + " " + describe(step.headsBefore()) + " -> " + describe(step.headsAfter())
                    + ", " + r.message());
            long start = System.nanoTime();
            List<String> all = new ArrayList<>(step.statements());
            all.addAll(versionTable.move(step.headsBefore(), step.headsAfter()));
            all.add(versionTable.record(r.id(), step.direction(), r.message(), r.checksum()));
            boolean transactional = r.transactional();
            if (transactional && !perRun && sink.online() && dialect.transactionalDdl()) {
                runAtOnce(step, all, sink, done);
                done++;
                if (sink.online()) log.info("{} {} {} ({} ms)", step.upgrade() ? "Applied" : "Undid", r.id(), r.message(), (System.nanoTime() - start) / 1_000_000);
                continue;
            }
            int n = 0;
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
            if (sink.online()) log.info("{} {} {} ({} ms)", step.upgrade() ? "Applied" : "Undid", r.id(), r.message(), (System.nanoTime() - start) / 1_000_000);
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
