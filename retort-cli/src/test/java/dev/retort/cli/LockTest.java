package dev.retort.cli;

import org.junit.jupiter.api.Tag;
import dev.retort.testing.Db;
import dev.retort.testing.MariaDb;
import dev.retort.testing.PgDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run waits for the migration lock, says who holds it, and gives up after lock_timeout with nothing changed; it also
 * waits for the working session of a stopped process to end.
 */
@Tag("database")
class LockTest {
    @TempDir Path tmp;

    @Test
    void aHeldLockMakesTheRunWaitThenTimeOut() throws Exception {
        Project p = Project.stratsim(tmp);
        try (PgDatabase db = PgDatabase.create(); Connection holder = db.connect()) {
            p.env.put("DATABASE_URL", db.url());
            p.edit("retort.toml", "transaction_per = \"migration\"", "transaction_per = \"migration\"\nlock_timeout = 1");
            // another Retort holds the lock: take the same advisory lock the way it does
            holder.createStatement().execute("SET application_name = 'other-replica'");
            long key = lockKey(holder, "public.retort_version");
            try (PreparedStatement ps = holder.prepareStatement("SELECT pg_advisory_lock(?)")) {
                ps.setLong(1, key);
                ps.execute();
            }
            Project.Result r = p.run("upgrade", "head");
            assertThat(r.exit()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).contains("timed out after 1s waiting for the migration lock on public.retort_version, held by other-replica since")
                    .contains("database pid");
            assertThat(db.tables()).isEmpty();

            try (PreparedStatement ps = holder.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                ps.setLong(1, key);
                ps.execute();
            }
            assertThat(p.run("upgrade", "head").exit()).isZero();
        }
    }

    /**
     * A killed process's lock session ends at once, but the server may still be running its last statements on the
     * working session. The next run waits for that session too (its own lock, "... work"), and only then reads the
     * version table. Here a test session holds that lock, standing in for such a session.
     */
    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mysql"})
    void theNextRunWaitsForTheWorkingSessionOfAStoppedProcess(String dialect) throws Exception {
        Project p = new Project(tmp.resolve("project"));
        p.write("retort.toml", "script_location = \"migrations\"\n");
        Processes.writeChain(p, null, 3, "SELECT 1");
        try (Db db = Db.create(dialect, tmp); Connection holder = db.connect()) {
            p.env.put("DATABASE_URL", db.url());
            String release;
            if (db instanceof MariaDb m) {
                holder.createStatement().execute("SELECT GET_LOCK('retort:" + m.name() + ".retort_version work', 0)");
                release = "SELECT RELEASE_LOCK('retort:" + m.name() + ".retort_version work')";
            } else {
                long key = lockKey(holder, "public.retort_version work");
                holder.createStatement().execute("SELECT pg_advisory_lock(" + key + ")");
                release = "SELECT pg_advisory_unlock(" + key + ")";
            }
            Path log = tmp.resolve("waiting.log");
            Process run = Processes.retort(p.dir, p.env, log, "upgrade", "head").start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!Processes.read(log).contains("Waiting for the session of a stopped process to end, held by")) {
                assertThat(run.isAlive()).as(Processes.read(log)).isTrue();
                assertThat(System.nanoTime()).as("no wait logged: %s", Processes.read(log)).isLessThan(deadline);
                Thread.sleep(50);
            }
            Thread.sleep(500);
            assertThat(run.isAlive()).isTrue();
            assertThat(db.tables()).as("nothing runs while that session lasts (but the holder's note)").isSubsetOf("public.retort_version_lock");

            holder.createStatement().execute(release);
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(run.exitValue()).as(Processes.read(log)).isZero();
            // MariaDB: retort_version_lock holds the lock holder's word
            assertThat(db.tables()).containsExactlyElementsOf(dialect.equals("mysql")
                    ? java.util.List.of("public.retort_version", "public.retort_version_history", "public.retort_version_lock", "public.t1", "public.t2", "public.t3")
                    : java.util.List.of("public.retort_version", "public.retort_version_history", "public.t1", "public.t2", "public.t3"));
        }
    }

    /**
     * Where the database cannot say who holds the lock (MySQL's process list has no client pid or program, SQLite's
     * file lock has no owner), the holder leaves word of itself, and a run that gives up names it: the Retort process,
     * its pid and since when.
     */
    @ParameterizedTest
    @ValueSource(strings = {"mysql", "sqlite"})
    void aRunThatGivesUpNamesTheRetortProcessHoldingTheLock(String dialect) throws Exception {
        Project p = new Project(tmp.resolve("project"));
        p.write("retort.toml", "script_location = \"migrations\"\nlock_timeout = 1\n");
        Processes.writeChain(p, null, 1, dialect.equals("mysql") ? "SELECT SLEEP(30)"
                : "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 150000000) SELECT count(*) FROM n");
        try (Db db = Db.create(dialect, tmp)) {
            p.env.put("DATABASE_URL", db.url());
            Path log = tmp.resolve("holder.log");
            Process holder = Processes.retort(p.dir, p.env, log, "upgrade", "head").start();
            try {
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (!holderNoted(dialect, db, tmp)) {
                    assertThat(holder.isAlive()).as(Processes.read(log)).isTrue();
                    assertThat(System.nanoTime()).as("the holder left no word: %s", Processes.read(log)).isLessThan(deadline);
                    Thread.sleep(50);
                }
                Project.Result r = p.run("upgrade", "head");
                assertThat(r.exit()).as(r.toString()).isEqualTo(2);
                assertThat(r.err()).contains("timed out after 1s waiting for the migration lock on public.retort_version, held by retort (pid "
                        + holder.pid() + ", host ").contains(") since ");
            } finally {
                holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    static boolean holderNoted(String dialect, Db db, Path dir) {
        if (dialect.equals("sqlite")) return java.nio.file.Files.exists(dir.resolve("app.db.retort-lock.holder"));
        return !db.query("SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'retort_version_lock'").isEmpty()
                && !db.query("SELECT holder FROM retort_version_lock").isEmpty();
    }

    /** The same key Retort derives: the first 8 bytes of SHA-256("retort:" + schema.table). */
    static long lockKey(Connection c, String versionTable) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(
                "SELECT ('x' || substr(encode(sha256('retort:" + versionTable + "'::bytea), 'hex'), 1, 16))::bit(64)::bigint")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
