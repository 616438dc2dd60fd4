package dev.retort.cli;

import org.junit.jupiter.api.Tag;
import dev.retort.testing.Db;
import dev.retort.testing.MariaDb;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replicas starting together: 8 processes run `upgrade head` on one database at once, on PostgreSQL, MariaDB and SQLite
 * (a file); every revision is applied exactly once and every process exits 0. (Not H2 files: with AUTO_SERVER the other
 * processes reach the file through the first one's server, and lose their connections when it exits.) -Dretort.replicaTrials sets the number of trials (default 3; docs/safety.md
 * reports a run of 50).
 */
@Tag("database")
class ReplicasTest {
    static final int PROCESSES = 8;

    @TempDir Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mysql", "sqlite"})
    void eightProcessesUpgradingTogetherApplyEachRevisionOnce(String dialect) throws Exception {
        int trials = Integer.getInteger("retort.replicaTrials", 3);
        boolean mysql = dialect.equals("mysql");
        for (int trial = 0; trial < trials; trial++) {
            Path dir = tmp.resolve("trial" + trial);
            Project p = Project.stratsim(dir);
            String head = p.run("heads").out().split(" ")[0];
            int example = p.revisions().size();
            String sleep = switch (dialect) {
                case "mysql" -> "DO SLEEP(0.01)";
                case "postgresql" -> "SELECT pg_sleep(0.01)";
                default -> "SELECT 1"; // SQLite has no sleep function
            };
            List<String> chain = Processes.writeChain(p, head, 10, sleep);
            MariaDb.Lease stratsim = mysql ? MariaDb.stratsimDatabase() : null; // the example's second schema is a database of the server
            Db db = Db.create(dialect, dir);
            try {
                List<Process> running = new ArrayList<>();
                List<Path> logs = new ArrayList<>();
                for (int i = 0; i < PROCESSES; i++) {
                    Path log = dir.resolve("replica" + i + ".log");
                    logs.add(log);
                    running.add(Processes.retort(dir, Map.of("DATABASE_URL", db.url()), log, "upgrade", "head").start());
                }
                for (int i = 0; i < PROCESSES; i++) {
                    assertThat(running.get(i).waitFor(180, TimeUnit.SECONDS)).isTrue();
                    assertThat(running.get(i).exitValue()).as("trial %d replica %d:%n%s", trial, i, Processes.read(logs.get(i))).isZero();
                }
                assertThat(db.query("select version_num from retort_version")).containsExactly(List.of(chain.get(chain.size() - 1)));
                List<List<String>> perRevision = db.query("select revision, count(*) from retort_version_history where direction = 'upgrade'"
                        + " group by revision having count(*) <> 1");
                assertThat(perRevision).as("revisions applied more than once, trial " + trial).isEmpty();
                assertThat(db.query("select count(*) from retort_version_history where direction = 'upgrade'").get(0).get(0))
                        .isEqualTo(String.valueOf(example + chain.size()));
                // the processes' own reports agree: the revisions were applied once in all, and the rest found nothing to do
                java.util.regex.Pattern appliedLine = java.util.regex.Pattern.compile("^INFO \\[\\d+/\\d+\\] Applied .*");
                long applied = logs.stream().mapToLong(l -> Processes.read(l).lines().filter(x -> appliedLine.matcher(x).matches()).count()).sum();
                assertThat(applied).isEqualTo(example + chain.size());
                long workers = logs.stream().filter(l -> Processes.read(l).lines().anyMatch(x -> appliedLine.matcher(x).matches())).count();
                long idle = logs.stream().filter(l -> Processes.read(l).contains("nothing to do")).count();
                assertThat(workers + idle).isEqualTo(PROCESSES);
            } finally {
                if (stratsim != null) stratsim.close(); // first: its tables reference the test's database
                db.close();
            }
        }
    }
}
