package dev.retort.runtime;

import dev.retort.dialect.Dialect;
import dev.retort.dialects.Dialects;
import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import dev.retort.api.RetortException;
import dev.retort.config.DatabaseUrl;
import dev.retort.config.Secrets;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Opens the one unpooled connection a run uses; failures name the masked URL. */
public final class Connections {
    /** How long loading a driver may take before the run gives up: far beyond any healthy start, short of a hang. */
    private static final long DRIVER_LOAD_LIMIT_SECONDS = 120;

    /** How the database lists Retort's sessions: enough to find the process holding the lock. */
    static final String APPLICATION_NAME = applicationName();

    private Connections() {}

    private static String applicationName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown";
        }
        String name = "retort (pid " + ProcessHandle.current().pid() + ", host " + host + ")";
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    public static Connection open(DatabaseUrl url) {
        return open(url, Dialects.forUrl(url));
    }

    public static Connection open(DatabaseUrl url, Dialect dialect) {
        return start(url, dialect).take();
    }

    /**
     * Begins opening a connection on a thread of its own and returns at once, so the caller can read its revisions
     * while the driver loads and the server answers; {@link Pending#connection} waits for it.
     */
    public static Pending start(DatabaseUrl url, Dialect dialect) {
        url.requireDatabase();
        Properties p = new Properties();
        if (url.user() != null) p.setProperty("user", url.user());
        if (url.password() != null) p.setProperty("password", url.password());
        long millis = Math.max(1000, url.connectTimeout().toMillis());
        long seconds = (millis + 999) / 1000;
        // the drivers' own timeouts a second later than Retort's, so the message is always Retort's, naming the host
        dialect.connectionProperties(p, APPLICATION_NAME, (int) Math.min(seconds + 1, Integer.MAX_VALUE));
        return new Pending(url, millis, pending -> {
            // the driver's classes load before the clock starts: under load that alone can take seconds, and it is not the server
            DriverManager.getDrivers(); // loads them all, as the first getConnection would
            pending.started();
            Connection c = connect(url.jdbcUrl(), p, dialect, seconds, pending);
            try {
                dialect.afterConnect(c);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            return c;
        });
    }

    private interface Connecting { Connection connect(Pending pending) throws SQLException; }

    /**
     * A connection being opened on a thread of its own, given up {@code seconds} after it began: whatever a driver's
     * own timeouts cover, a server that accepts the connection and never answers ends the run with a message, not a
     * hang. Closing it closes the connection, or, while it is still being opened, the connection when it arrives.
     */
    public static final class Pending implements AutoCloseable {
        private final DatabaseUrl url;
        private final long millis;
        private final FutureTask<Connection> task;
        private final Thread thread;
        /** Counted down once the driver is loaded: the connect timeout runs from then. */
        private final java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        private volatile long startedAt;
        /** The last failure the dialect called passing (a file another process holds): what a timeout reports. */
        private volatile SQLException passing;
        /** Guarded by {@code this}: once true, a connection that arrives is closed at once. */
        private boolean closed;
        /** Guarded by {@code this}: the open connection this owns, if any. */
        private Connection owned;

        private Pending(DatabaseUrl url, long millis, Connecting work) {
            this.url = url;
            this.millis = millis;
            this.task = new FutureTask<>(() -> {
                Connection c;
                try {
                    c = work.connect(this);
                } finally {
                    started(); // a failure before the driver loaded is reported at once
                }
                synchronized (this) {
                    if (closed) {
                        c.close();
                        return null;
                    }
                    owned = c;
                    return c;
                }
            });
            this.thread = new Thread(task, "retort-connect");
            thread.setDaemon(true);
            thread.start();
        }

        void started() {
            if (started.getCount() > 0) {
                startedAt = System.nanoTime();
                started.countDown();
            }
        }

        void passing(SQLException e) { passing = e; }

        /** The connection, once it is open (the same one on every call); this keeps it, and closing this closes it. */
        public Connection connection() {
            try {
                if (!started.await(DRIVER_LOAD_LIMIT_SECONDS, TimeUnit.SECONDS)) throw new TimeoutException();
                Connection c = task.get(Math.max(0, startedAt + millis * 1_000_000L - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (c == null) throw new IllegalStateException("the connection to " + url + " was already closed");
                return c;
            } catch (TimeoutException e) {
                close();
                thread.interrupt();
                String within = java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + " s (connect_timeout in retort.toml)";
                SQLException still = passing;
                if (still != null) throw new RetortException("cannot connect to " + url + ": " + describe(still, url) + ", still after " + within, still);
                if (url.dialect().equals("sqlite")) {
                    throw new RetortException("cannot open " + url + " within " + within + ": another process holds the file locked", e);
                }
                throw new RetortException("cannot connect to " + url + ": no answer from " + url.server() + " within " + within, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new RetortException("interrupted while connecting to " + url, e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof SQLException s) throw new RetortException("cannot connect to " + url + ": " + describe(s, url), s);
                if (e.getCause() instanceof RuntimeException r) throw r;
                if (e.getCause() instanceof Error err) throw err;
                throw new IllegalStateException(e.getCause());
            }
        }

        /** The connection, handed over: the caller closes it. */
        Connection take() {
            Connection c = connection();
            synchronized (this) {
                owned = null;
                closed = true;
            }
            return c;
        }

        @Override
        public void close() {
            Connection c;
            synchronized (this) {
                closed = true;
                c = owned;
                owned = null;
            }
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // the session ends with the socket either way
                }
            }
        }
    }

    /** Connects, repeating until the timeout while the dialect says the failure is passing. */
    private static Connection connect(String jdbcUrl, Properties p, Dialect dialect, long seconds, Pending pending) throws SQLException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (true) {
            try {
                return DriverManager.getConnection(jdbcUrl, p);
            } catch (SQLException e) {
                if (!dialect.retryConnect(e) || System.nanoTime() > deadline) throw e;
                pending.passing(e);
                try {
                    Thread.sleep(50 + (long) (Math.random() * 100));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** A driver's error as one line, without any password it quotes. */
    public static String describe(SQLException e) { return firstLine(Secrets.mask(e.getMessage())); }

    /** A driver's error as one line, without the URL's password (or any other). */
    public static String describe(SQLException e, DatabaseUrl url) { return firstLine(Secrets.mask(e.getMessage(), url.password())); }

    public static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
