package dev.retort.runtime;

import dev.retort.api.RetortException;
import dev.retort.config.DatabaseUrl;
import dev.retort.config.Secrets;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Opens the one unpooled connection a run uses; failures name the masked URL. */
public final class Connections {
    /** How the database lists Retort's sessions: enough to find the process holding the lock. */
    static final String APPLICATION_NAME = applicationName();

    private Connections() {}

    private static String applicationName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown";
        }
        String name = "retort (pid " + ProcessHandle.current().pid() + ", host " + host + ")";
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    public static Connection open(DatabaseUrl url) {
        return open(url, dev.retort.dialect.Dialects.forUrl(url));
    }

    public static Connection open(DatabaseUrl url, dev.retort.dialect.Dialect dialect) {
        Properties p = new Properties();
        if (url.user() != null) p.setProperty("user", url.user());
        if (url.password() != null) p.setProperty("password", url.password());
        dialect.connectionProperties(p, APPLICATION_NAME);
        try {
            Connection c = connect(url.jdbcUrl(), p, dialect);
            try {
                dialect.afterConnect(c);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            return c;
        } catch (SQLException e) {
            throw new RetortException("cannot connect to " + url + ": " + firstLine(Secrets.mask(e.getMessage(), url.password())), e);
        }
    }

    /** Connects, repeating for up to 10 s while the dialect says the failure is passing. */
    private static Connection connect(String jdbcUrl, Properties p, dev.retort.dialect.Dialect dialect) throws SQLException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try {
                return DriverManager.getConnection(jdbcUrl, p);
            } catch (SQLException e) {
                if (!dialect.retryConnect(e) || System.nanoTime() > deadline) throw e;
                try {
                    Thread.sleep(50 + (long) (Math.random() * 100));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    public static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
