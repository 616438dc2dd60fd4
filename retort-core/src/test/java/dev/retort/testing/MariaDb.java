package dev.retort.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/**
 * A MariaDB database of its own on the local server (127.0.0.1:3306, root, no password), dropped on close. Set
 * RETORT_TEST_MARIADB to another host:port to point the tests elsewhere.
 */
public final class MariaDb implements Db {
    public static final String SERVER = System.getenv().getOrDefault("RETORT_TEST_MARIADB", "127.0.0.1:3306");
    private final String name;

    private MariaDb(String name) { this.name = name; }

    public static MariaDb create() {
        String name = "retort_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE DATABASE " + name);
        return new MariaDb(name);
    }

    public String name() { return name; }

    @Override public String url() { return "mysql://root@" + SERVER + "/" + name; }

    @Override
    public Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://" + SERVER + "/" + name, "root", "");
    }

    /** Tables of this database as "public.t", and of the other databases Retort manages for the test as "db.t". */
    @Override
    public List<String> tables() {
        return query("SELECT CONCAT(CASE WHEN TABLE_SCHEMA = DATABASE() THEN 'public' ELSE TABLE_SCHEMA END, '.', TABLE_NAME)"
                + " FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE'"
                + " AND (TABLE_SCHEMA = DATABASE() OR TABLE_SCHEMA IN (SELECT SCHEMA_NAME FROM information_schema.SCHEMATA"
                + " WHERE SCHEMA_NAME LIKE 'stratsim%')) ORDER BY 1").stream().map(r -> r.get(0)).toList();
    }

    @Override
    public void close() { admin("DROP DATABASE IF EXISTS " + name); }

    /**
     * The stratsim example's second schema is the server-wide database "stratsim", which no test can name uniquely. A
     * test that makes it holds this lease: a named lock on the server, so two suites on one server take turns instead
     * of dropping each other's. The database is dropped when the lease is taken and when it ends.
     */
    public static Lease stratsimDatabase() {
        try {
            Connection c = DriverManager.getConnection("jdbc:mariadb://" + SERVER + "/", "root", "");
            try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT GET_LOCK('retort_test_stratsim', 3600)")) {
                if (!rs.next() || rs.getInt(1) != 1) throw new IllegalStateException("another suite has held the stratsim database for an hour");
            }
            admin("DROP DATABASE IF EXISTS stratsim");
            return new Lease(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The stratsim database held by one test; closing drops it and lets another suite have it. */
    public static final class Lease implements AutoCloseable {
        private final Connection lock;

        private Lease(Connection lock) { this.lock = lock; }

        @Override
        public void close() {
            try {
                admin("DROP DATABASE IF EXISTS stratsim");
            } finally {
                try {
                    lock.close(); // ends the session, which releases the lock
                } catch (SQLException ignored) {
                    // the server releases it when it notices
                }
            }
        }
    }

    public static void admin(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://" + SERVER + "/", "root", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
