package dev.retort.runtime;

import dev.retort.api.RetortException;
import dev.retort.config.DatabaseUrl;
import dev.retort.config.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The lock a run holds from before it reads the version table until it ends, so replicas starting together apply each
 * revision once. On PostgreSQL it is a session advisory lock on a connection of its own (revisions that must run
 * outside a transaction are unaffected); the database releases it when that session ends, so a killed process never
 * leaves it behind.
 */
public final class MigrationLock implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("dev.retort");
    private final Connection connection;
    private final long key;

    private MigrationLock(Connection connection, long key) {
        this.connection = connection;
        this.key = key;
    }

    /** Waits up to {@code timeout} for the lock named after the version table; logs who holds it while waiting. */
    public static MigrationLock acquire(DatabaseUrl url, String versionTable, Duration timeout) {
        long key = key(versionTable);
        Connection c = Connections.open(url);
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            long nextReport = 0;
            while (true) {
                if (tryLock(c, key)) return new MigrationLock(c, key);
                long now = System.nanoTime();
                if (now >= nextReport) {
                    log.info("Waiting for the migration lock on {}, held by {}", versionTable, holder(c, key));
                    nextReport = now + Duration.ofSeconds(10).toNanos();
                }
                if (now >= deadline) {
                    throw new RetortException("timed out after " + timeout.toSeconds() + "s waiting for the migration lock on " + versionTable
                            + ", held by " + holder(c, key) + "; raise lock_timeout, or stop that process");
                }
                Thread.sleep(100);
            }
        } catch (SQLException e) {
            close(c);
            throw new RetortException("cannot take the migration lock on " + url + ": " + Secrets.mask(e.getMessage(), url.password()), e);
        } catch (InterruptedException e) {
            close(c);
            Thread.currentThread().interrupt();
            throw new RetortException("interrupted while waiting for the migration lock on " + versionTable);
        } catch (RuntimeException e) {
            close(c);
            throw e;
        }
    }

    private static boolean tryLock(Connection c, long key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** "retort (pid 4242, host app-7) since 2026-11-25 10:15:02+00, database pid 8812", or "another session". */
    static String holder(Connection c, long key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT a.application_name, a.pid, a.backend_start, a.client_addr FROM pg_locks l"
                + " JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted"
                + " AND l.classid = ((?::bigint >> 32) & 4294967295)::oid AND l.objid = (?::bigint & 4294967295)::oid AND l.objsubid = 1 LIMIT 1")) {
            ps.setLong(1, key);
            ps.setLong(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return "another session";
                String app = rs.getString(1) == null || rs.getString(1).isBlank() ? "an unnamed client" : rs.getString(1);
                return app + " since " + rs.getString(3) + ", database pid " + rs.getInt(2)
                        + (rs.getString(4) == null ? "" : " from " + rs.getString(4));
            }
        }
    }

    /** A stable 64-bit key per version table, so projects sharing a database lock independently. */
    static long key(String versionTable) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(("retort:" + versionTable).getBytes(StandardCharsets.UTF_8));
            long k = 0;
            for (int i = 0; i < 8; i++) k = (k << 8) | (d[i] & 0xff);
            return k;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            ps.setLong(1, key);
            ps.execute();
        } catch (SQLException ignored) {
            // closing the session releases it as well
        }
        close(connection);
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing more to release
        }
    }
}
