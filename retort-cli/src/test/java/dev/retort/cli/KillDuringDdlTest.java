package dev.retort.cli;

import org.junit.jupiter.api.Tag;
import dev.retort.testing.MariaDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MariaDB runs DDL outside transactions, and the server finishes a statement after its client is killed. A process
 * killed (SIGKILL) during a multi-second {@code ALTER TABLE ... ADD COLUMN} (forced to copy the table) leaves the
 * revision marked running at that statement; the next run reads the table, sees whether the ALTER completed, and
 * carries on from the right statement: the revision is recorded once, every row survives, nothing runs twice.
 * -Dretort.ddlKillTrials sets the number of trials (default 2; docs/safety.md reports a run of 10).
 */
@Tag("database")
class KillDuringDdlTest {
    @TempDir Path tmp;

    static final int ROWS = 1_000_000;

    @Test
    void aKillDuringALongAlterResumesWithNothingLostOrRunTwice() throws Exception {
        int trials = Integer.getInteger("retort.ddlKillTrials", 2);
        Random random = seeded("KillDuringDdlTest");
        Project p = new Project(tmp.resolve("project"));
        p.write("retort.toml", "script_location = \"migrations\"\n");
        p.write("migrations/versions/k001.java", """
                import dev.retort.api.*;
                @Revision(id = "k001", message = "a big table")
                class Rk001 implements Migration {
                    public void upgrade(Operations op) {
                        op.createTable("public", "big", t -> { t.column("id", "bigint").primaryKey(); t.column("n", "int").notNull(); t.column("label", "text"); });
                        op.execute("INSERT INTO big (id, n, label) SELECT seq, seq, REPEAT('x', 200) FROM seq_1_to_%d");
                    }
                    public void downgrade(Operations op) { op.dropTable("public", "big"); }
                }
                """.formatted(ROWS));
        p.write("migrations/versions/k002.java", """
                import dev.retort.api.*;
                @Revision(id = "k002", parents = "k001", message = "two columns")
                class Rk002 implements Migration {
                    public void upgrade(Operations op) {
                        op.addColumn("public", "big", "extra", "int");
                        op.addColumn("public", "big", "note", "varchar(20)");
                    }
                    public void downgrade(Operations op) {
                        op.dropColumn("public", "big", "note");
                        op.dropColumn("public", "big", "extra");
                    }
                }
                """);
        List<String> outcomes = new ArrayList<>();
        for (int trial = 0; trial < trials; trial++) {
            try (MariaDb db = MariaDb.create()) {
                // every ALTER of this session copies the table, as ALGORITHM=COPY would: seconds for a million rows
                String url = db.url() + "?sessionVariables=alter_algorithm=COPY";
                p.env.put("DATABASE_URL", url);
                assertThat(p.run("upgrade", "k001").exit()).isZero();

                Path log = tmp.resolve("kill" + trial + ".log");
                Process victim = Processes.retort(p.dir, Map.of("DATABASE_URL", url), log, "upgrade", "head").start();
                String sent = awaitAlter(db, victim);
                Thread.sleep(random.nextInt(1500)); // somewhere inside the copy
                victim.destroyForcibly();
                assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();

                Path again = tmp.resolve("resume" + trial + ".log");
                Process resume = Processes.retort(p.dir, Map.of("DATABASE_URL", url), again, "upgrade", "head").start();
                assertThat(resume.waitFor(180, TimeUnit.SECONDS)).isTrue();
                String resumed = Processes.read(again);
                assertThat(resume.exitValue()).as("trial %d, killed during [%s]:%n%s%n--- killed run:%n%s", trial, sent, resumed, Processes.read(log)).isZero();

                assertThat(db.query("SELECT version_num FROM retort_version")).containsExactly(List.of("k002"));
                assertThat(db.query("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'big'"
                        + " ORDER BY ORDINAL_POSITION").stream().map(r -> r.get(0)).toList()).containsExactly("id", "n", "label", "extra", "note");
                assertThat(db.query("SELECT COUNT(*), SUM(n = id) FROM big").get(0)).containsExactly(String.valueOf(ROWS), String.valueOf(ROWS));
                assertThat(db.query("SELECT revision, direction, state FROM retort_version_history ORDER BY id"))
                        .containsExactly(java.util.Arrays.asList("k001", "upgrade", null), java.util.Arrays.asList("k002", "upgrade", null));
                assertThat(p.run("current").out()).contains("k002 (head)");
                outcomes.add(resumed.contains("completed after the last run stopped") ? "completed by the server"
                        : resumed.contains("had not run") ? "not run" : "other");
            }
        }
        System.out.println("KillDuringDdlTest: " + trials + " trials; the killed ALTER: " + outcomes);
    }

    /**
     * 200 SQL revisions on MariaDB (each a table, an index on it, and a column added to a table of 10,000 rows that an
     * SQL revision made), upgraded by processes killed (SIGKILL) at random moments: every kill is resumed by the next
     * run, which settles the statement the killed one was sending from the catalog (the table, index or column is
     * there or not), although no Retort operation made the tables (issue 30 item 2); at head every object is there
     * once and every row survives. -Dretort.sqlKillTrials sets the number of kills (default 3; docs/safety.md reports
     * a run of 25).
     */
    @Test
    void killsAmongManySqlRevisionsAreEachResumedWithNothingLost() throws Exception {
        int kills = Integer.getInteger("retort.sqlKillTrials", 3);
        Random random = seeded("KillDuringDdlTest (SQL revisions)");
        Project p = new Project(tmp.resolve("sql"));
        p.write("retort.toml", "script_location = \"migrations\"\n");
        int n = 200;
        p.write("migrations/versions/s000.sql", "-- @revision id=s000 message=\"rows\"\n"
                + "CREATE TABLE keep (id int PRIMARY KEY, label varchar(20));\n"
                + "INSERT INTO keep SELECT seq, CONCAT('row ', seq) FROM seq_1_to_10000;\n");
        for (int i = 1; i <= n; i++) {
            String id = String.format("s%03d", i), parent = String.format("s%03d", i - 1);
            p.write("migrations/versions/" + id + ".sql", "-- @revision id=" + id + " parents=" + parent + " message=\"table " + i + "\"\n"
                    + "CREATE TABLE t" + i + " (id int PRIMARY KEY, v int);\n"
                    + "CREATE INDEX t" + i + "_v ON t" + i + " (v);\n"
                    + "ALTER TABLE keep ADD COLUMN c" + i + " int;\n");
        }
        try (MariaDb db = MariaDb.create()) {
            p.env.put("DATABASE_URL", db.url());
            assertThat(p.run("upgrade", "s000").exit()).isZero();
            List<String> settled = new ArrayList<>();
            int killed = 0, runs = 0;
            while (true) {
                Path log = tmp.resolve("run" + runs++ + ".log");
                Process run = Processes.retort(p.dir, Map.of("DATABASE_URL", db.url()), log, "upgrade", "head").start();
                boolean victim = killed < kills;
                if (victim) {
                    Thread.sleep(500 + random.nextInt(1000)); // the JVM's start, then somewhere among the revisions
                    if (run.isAlive()) {
                        run.destroyForcibly();
                        killed++;
                    }
                }
                assertThat(run.waitFor(300, TimeUnit.SECONDS)).isTrue();
                String said = Processes.read(log);
                if (said.contains("completed after the last run stopped")) settled.add("completed");
                if (said.contains("had not run when the last run stopped")) settled.add("not run");
                assertThat(said).as("run %d after %d kills", runs, killed).doesNotContain("cannot tell from the catalog");
                if (!victim) assertThat(run.exitValue()).as("run %d after %d kills:%n%s", runs, killed, said).isZero();
                if (run.exitValue() == 0 && db.query("SELECT version_num FROM retort_version").equals(List.of(List.of("s" + n)))) break;
            }
            assertThat(db.query("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME RLIKE '^t[0-9]+$'").get(0))
                    .containsExactly(String.valueOf(n));
            assertThat(db.query("SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND INDEX_NAME RLIKE '^t[0-9]+_v$'").get(0))
                    .containsExactly(String.valueOf(n));
            assertThat(db.query("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'keep'").get(0))
                    .containsExactly(String.valueOf(n + 2));
            assertThat(db.query("SELECT COUNT(*), COUNT(DISTINCT label) FROM keep").get(0)).containsExactly("10000", "10000");
            assertThat(db.query("SELECT COUNT(*) FROM retort_version_history WHERE state IS NULL AND direction = 'upgrade'").get(0))
                    .containsExactly(String.valueOf(n + 1));
            System.out.println("KillDuringDdlTest (SQL revisions): " + killed + " kills, " + runs + " runs; statements settled: " + settled);
        }
    }

    /**
     * SIGTERM and SIGINT (a stop from a supervisor, Ctrl-C) in the middle of an SQL revision's long ALTER on MariaDB end
     * as a kill does: the revision is left running at that statement, and the next run settles it from the catalog and
     * carries on (issue 30 item 14).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"TERM", "INT"})
    void aSignalDuringAnSqlRevisionsAlterEndsAsAKillDoesAndTheNextRunSettlesIt(String signal) throws Exception {
        Project p = new Project(tmp.resolve("signal"));
        p.write("retort.toml", "script_location = \"migrations\"\n");
        p.write("migrations/versions/g001.sql", "-- @revision id=g001 message=\"a big table\"\n"
                + "CREATE TABLE big (id bigint PRIMARY KEY, n int NOT NULL, label text);\n"
                + "INSERT INTO big SELECT seq, seq, REPEAT('x', 200) FROM seq_1_to_" + SIGNAL_ROWS + ";\n");
        p.write("migrations/versions/g002.sql", "-- @revision id=g002 parents=g001 message=\"two columns\"\n"
                + "ALTER TABLE big ADD COLUMN extra int;\nALTER TABLE big ADD COLUMN note varchar(20);\n");
        try (MariaDb db = MariaDb.create()) {
            String url = db.url() + "?sessionVariables=alter_algorithm=COPY";
            assertThat(p.run("--url", url, "upgrade", "g001").exit()).isZero();
            Path log = tmp.resolve("signal.log");
            Process victim = Processes.retort(p.dir, Map.of("DATABASE_URL", url), log, "upgrade", "head").start();
            String sent = awaitAlter(db, victim);
            Thread.sleep(new Random().nextInt(800)); // inside the copy, which takes about 1.5 s
            assertThat(new ProcessBuilder("kill", "-" + signal, String.valueOf(victim.pid())).start().waitFor()).isZero();
            assertThat(victim.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(db.query("SELECT state FROM retort_version_history WHERE revision = 'g002'")).as("left as a kill leaves it")
                    .containsExactly(List.of("running"));

            Path again = tmp.resolve("after-signal.log");
            Process resume = Processes.retort(p.dir, Map.of("DATABASE_URL", url), again, "upgrade", "head").start();
            assertThat(resume.waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(resume.exitValue()).as("SIG%s during [%s]:%n%s%n--- stopped run:%n%s", signal, sent, Processes.read(again), Processes.read(log)).isZero();
            assertThat(db.query("SELECT version_num FROM retort_version")).containsExactly(List.of("g002"));
            assertThat(db.query("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'big'"
                    + " ORDER BY ORDINAL_POSITION").stream().map(r -> r.get(0)).toList()).containsExactly("id", "n", "label", "extra", "note");
            assertThat(db.query("SELECT COUNT(*) FROM big").get(0)).containsExactly(String.valueOf(SIGNAL_ROWS));
        }
    }

    static final int SIGNAL_ROWS = 300_000;

    /** The trials' randomness, from -Dretort.seed or a new seed, printed so a failing run can be repeated. */
    static Random seeded(String what) {
        long seed = Long.getLong("retort.seed", System.nanoTime());
        System.out.println(what + ": seed " + seed);
        return new Random(seed);
    }

    /** Waits until the victim's ALTER TABLE is running on the server, and returns its text. */
    private static String awaitAlter(MariaDb db, Process victim) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            List<List<String>> rows = db.query("SELECT INFO FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND INFO LIKE 'ALTER TABLE%'");
            if (!rows.isEmpty()) return rows.get(0).get(0);
            assertThat(victim.isAlive()).as("the upgrade ended before its ALTER was seen").isTrue();
            Thread.sleep(20);
        }
        throw new AssertionError("no ALTER TABLE seen within 60 s");
    }
}
