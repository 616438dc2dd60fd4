package dev.retort.cli;

import dev.retort.testing.PgDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

/** A run waits for the migration lock, says who holds it, and gives up after lock_timeout with nothing changed. */
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

    /** The same key Retort derives: the first 8 bytes of SHA-256("retort:" + schema.table). */
    static long lockKey(Connection c, String versionTable) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(
                "SELECT ('x' || substr(encode(sha256('retort:" + versionTable + "'::bytea), 'hex'), 1, 16))::bit(64)::bigint")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
