package dev.retort.runtime;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.retort.dialect.Dialect;
import dev.retort.api.RetortException;
import dev.retort.ops.JdbcWork;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Where rendered statements go: executed on the run's connection (online), or written as a script (offline).
 * Both receive the same statements in the same order.
 */
public interface Sink {
    void begin() throws SQLException;

    void execute(String sql) throws SQLException;

    /** Executes several statements in one round trip where the sink can; the statements are the same either way. */
    default void executeAll(List<String> sqls) throws SQLException {
        for (String s : sqls) execute(s);
    }

    void commit() throws SQLException;

    /**
     * Runs Java work on the connection (online only). What the work throws comes back as an SQLException, so that it
     * fails the revision like a statement does.
     */
    default void run(JdbcWork work) throws SQLException {
        throw new IllegalStateException("Java work cannot run in an offline script");
    }

    void rollback();

    void comment(String text);

    /** Whether statements really run (and so progress is worth logging). */
    boolean online();

    /**
     * When {@code e} says a statement gave up waiting for a lock, who holds the locks in its way, as the server tells
     * it ("pid 4242 (psql, user app, idle in transaction) holds a lock on public.note"); null otherwise or offline.
     */
    default String lockHolders(SQLException e) { return null; }

    /** Executes on one JDBC connection, with transactions through the connection's auto-commit switch. */
    final class Online implements Sink {
        private static final Logger log = LoggerFactory.getLogger("dev.retort");
        private final Connection connection;
        private final Dialect dialect;

        public Online(Connection connection, Dialect dialect) {
            this.connection = connection;
            this.dialect = dialect;
        }

        @Override public void begin() throws SQLException {
            log.debug("Sending: BEGIN");
            connection.setAutoCommit(false);
        }

        @Override
        public void execute(String sql) throws SQLException {
            log.debug("Sending: {}", sql);
            try (Statement s = connection.createStatement()) {
                s.execute(sql);
            }
        }

        /** One multi-statement string: the driver sends the statements together and waits once. */
        @Override
        public void executeAll(List<String> sqls) throws SQLException {
            if (sqls.isEmpty()) return;
            if (log.isDebugEnabled()) log.debug("Sending {} statements in one round trip:\n{}", sqls.size(), String.join(";\n", sqls));
            try (Statement s = connection.createStatement()) {
                s.execute(dialect.script(sqls));
            }
        }

        @Override
        public void run(JdbcWork work) throws SQLException {
            try {
                work.run(connection);
            } catch (SQLException e) {
                throw e;
            } catch (RetortException e) { // op.arg and the like: already said in the user's words
                throw new SQLException(e.getMessage(), e);
            } catch (Exception | LinkageError e) {
                throw new SQLException("Java step threw " + ModelLoader.describe(e), e);
            }
        }

        @Override
        public void commit() throws SQLException {
            log.debug("Sending: COMMIT");
            connection.commit();
            connection.setAutoCommit(true);
        }

        @Override
        public void rollback() {
            try {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
            } catch (SQLException ignored) {
                // the connection is gone; the database rolls back on its own
            }
        }

        @Override public void comment(String text) { }

        @Override
        public String lockHolders(SQLException e) {
            try {
                return dialect.lockWaitHolders(connection, e);
            } catch (SQLException unreadable) {
                return null; // the failure is told as it is
            }
        }

        @Override public boolean online() { return true; }
    }

    /** Writes a script: each statement as the dialect's client takes it ({@link Dialect#scriptStatement}), transactions as the dialect begins and commits them. */
    final class Offline implements Sink {
        private final PrintStream out;
        private final Dialect dialect;

        public Offline(PrintStream out, Dialect dialect) {
            this.out = out;
            this.dialect = dialect;
        }

        @Override public void begin() { execute(dialect.beginStatement()); }

        @Override public void execute(String sql) { out.println(dialect.scriptStatement(sql) + "\n"); }

        @Override public void commit() { execute(dialect.commitStatement()); }

        @Override public void rollback() { }

        @Override public void comment(String text) { text.lines().forEach(l -> out.println("-- " + l)); out.println(); }

        @Override public boolean online() { return false; }
    }
}
