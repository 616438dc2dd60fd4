package dev.retort.cli;

import org.junit.jupiter.api.Tag;
import dev.retort.testing.PgDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A process killed (SIGKILL) at a random moment of a 40-revision upgrade leaves the database at a revision boundary:
 * the next run completes, the schema is the expected one and each revision was applied once.
 * -Dretort.crashTrials sets the number of trials (default 3; docs/safety.md reports a run of 50).
 */
@Tag("database")
class CrashTest {
    @TempDir Path tmp;

    @Test
    void aKilledUpgradeResumesAtARevisionBoundary() throws Exception {
        int trials = Integer.getInteger("retort.crashTrials", 3);
        long seed = Long.getLong("retort.seed", System.nanoTime());
        System.out.println("CrashTest: seed " + seed + " (-Dretort.seed=" + seed + " repeats the kill times)");
        Random random = new Random(seed);
        Project p = new Project(tmp.resolve("project"));
        p.write("retort.toml", "script_location = \"migrations\"\n");
        List<String> chain = Processes.writeChain(p, null, 40);
        String head = chain.get(chain.size() - 1);
        try (PgDatabase expected = PgDatabase.create()) {
            p.env.put("DATABASE_URL", expected.url());
            assertThat(p.run("upgrade", "head").exit()).isZero(); // also fills the compile cache, as a deployed app would have it
            List<String> expectedTables = expected.tables();
            List<Integer> committedAtKill = new java.util.ArrayList<>();
            for (int trial = 0; trial < trials; trial++) {
                try (PgDatabase db = PgDatabase.create()) {
                    Path log = tmp.resolve("kill" + trial + ".log");
                    Process victim = Processes.retort(p.dir, Map.of("DATABASE_URL", db.url()), log, "upgrade", "head").start();
                    long delay = 300 + random.nextInt(800);
                    Thread.sleep(delay);
                    victim.destroyForcibly(); // SIGKILL
                    assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
                    boolean started = !db.query("select 1 from pg_tables where tablename = 'retort_version_history'").isEmpty();
                    committedAtKill.add(started ? Integer.parseInt(db.query("select count(*) from retort_version_history").get(0).get(0)) : 0);

                    Path again = tmp.resolve("resume" + trial + ".log");
                    Process resume = Processes.retort(p.dir, Map.of("DATABASE_URL", db.url()), again, "upgrade", "head").start();
                    assertThat(resume.waitFor(120, TimeUnit.SECONDS)).isTrue();
                    assertThat(resume.exitValue()).as("trial %d, killed after %d ms:%n%s", trial, delay, Processes.read(again)).isZero();

                    assertThat(db.query("select version_num from retort_version")).containsExactly(List.of(head));
                    assertThat(db.tables()).isEqualTo(expectedTables);
                    assertThat(db.query("select revision from retort_version_history where direction = 'upgrade'"
                            + " group by revision having count(*) <> 1")).as("trial %d", trial).isEmpty();
                    assertThat(db.query("select count(*) from retort_version_history where direction = 'upgrade'").get(0).get(0)).isEqualTo("40");
                    assertThat(db.query("select count(*) from t40").get(0).get(0)).isEqualTo("2");
                }
            }
            long midway = committedAtKill.stream().filter(n -> n > 0 && n < 40).count();
            System.out.println("CrashTest: " + trials + " trials; revisions committed when killed: " + committedAtKill
                    + "; killed part-way through: " + midway);
            if (trials >= 10) assertThat(midway).as("trials killed part-way through the 40 revisions").isGreaterThanOrEqualTo(trials / 4);
        }
    }
}
