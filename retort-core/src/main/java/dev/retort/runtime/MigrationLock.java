package dev.retort.runtime;

import dev.retort.api.RetortException;
import dev.retort.config.DatabaseUrl;
import dev.retort.dialect.Dialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The lock a run holds from before it reads the version table until it ends, so replicas starting together apply each
 * revision once. It lives on a connection of its own (revisions that must run outside a transaction are unaffected);
 * the dialect says how the database locks ({@link Dialect#tryLock}), and in every case the database releases it when
 * that session ends, so a killed process never leaves it behind.
 */
public final class MigrationLock implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("dev.retort");
    private final Dialect dialect;
    private final Connection connection;
    private final String name;
    private final Duration timeout;

    private MigrationLock(Dialect dialect, Connection connection, String name, Duration timeout) {
        this.dialect = dialect;
        this.connection = connection;
        this.name = name;
        this.timeout = timeout;
    }

    /** Waits up to {@code timeout} for the lock named after the version table; logs who holds it while waiting. */
    public static MigrationLock acquire(DatabaseUrl url, Dialect dialect, String versionTable, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Connection c = dialect.openLockConnection(() -> Connections.open(url, dialect));
            MigrationLock lock = acquire(url, dialect, c, versionTable, timeout, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (lock != null) return lock;
            // the holder before removed what this waited on (SQLite's lock file): lock what is there now
        }
    }

    private static MigrationLock acquire(DatabaseUrl url, Dialect dialect, Connection c, String versionTable, Duration timeout, Duration left) {
        try {
            if (!await(dialect, c, versionTable, left, timeout, "the migration lock on " + versionTable, "stop that process")
                    || !dialect.lockIsCurrent(c)) {
                try {
                    dialect.unlock(c, versionTable);
                } catch (SQLException ignored) {
                    // closing releases it too
                }
                close(c);
                return null;
            }
            try {
                dialect.noteHolder(c, versionTable, Connections.APPLICATION_NAME);
            } catch (SQLException e) { // only a waiting process's log loses by it
                log.debug("could not leave word of the lock holder: {}", Connections.firstLine(e.getMessage()));
            }
            return new MigrationLock(dialect, c, versionTable, timeout);
        } catch (SQLException e) {
            close(c);
            throw new RetortException("cannot take the migration lock on " + url + ": "
                    + Connections.describe(e, url), e);
        } catch (InterruptedException e) {
            close(c);
            Thread.currentThread().interrupt();
            throw new RetortException("interrupted while waiting for the migration lock on " + versionTable);
        } catch (RuntimeException e) {
            close(c);
            throw e;
        }
    }

    /**
     * Takes a second lock on the connection the revisions run on, where sessions can outlive their clients
     * ({@link Dialect#sessionsOutliveClients}). The lock session of a killed process ends at once, but the database may
     * still be running that process's last statements on its working session; this waits until that session has ended
     * too, so a run never reads the version table while a dead process's revision may still commit.
     */
    public void fence(Connection work) {
        if (!dialect.sessionsOutliveClients()) return;
        try {
            await(dialect, work, name + " work", timeout, timeout, "the session of a stopped process to end",
                    "end that database session");
        } catch (SQLException e) {
            throw new RetortException("cannot take the migration lock on " + name + ": " + Connections.firstLine(e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetortException("interrupted while waiting for the migration lock on " + name);
        }
    }

    /** Waits for the lock on {@code c}; false when {@code c} can no longer take it ({@link Dialect#lockIsCurrent}). */
    private static boolean await(Dialect dialect, Connection c, String lock, Duration left, Duration timeout, String what, String remedy)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + left.toNanos();
        long nextReport = 0;
        while (true) {
            // a lock connection whose file the holder before removed can no longer lock: the caller opens another
            if (!dialect.lockIsCurrent(c)) return false;
            boolean got;
            try {
                got = dialect.tryLock(c, lock);
            } catch (SQLException e) {
                if (!dialect.lockIsCurrent(c)) return false;
                throw e;
            }
            if (got) return true;
            long now = System.nanoTime();
            if (now >= nextReport) {
                log.info("Waiting for {}, held by {}", what, dialect.lockHolder(c, lock));
                nextReport = now + Duration.ofSeconds(10).toNanos();
            }
            if (now >= deadline) {
                throw new RetortException("timed out after " + timeout.toSeconds() + "s waiting for " + what
                        + ", held by " + dialect.lockHolder(c, lock) + "; raise lock_timeout, or " + remedy);
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() {
        try {
            dialect.forgetHolder(connection, name);
        } catch (SQLException e) {
            log.debug("could not take back the lock holder's word: {}", Connections.firstLine(e.getMessage()));
        }
        try {
            dialect.unlock(connection, name);
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
