package dev.retort.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/**
 * A PostgreSQL database of its own for one test, on the local server (127.0.0.1:5432, trust auth), dropped on close.
 * Set RETORT_TEST_PG to another host:port to point the tests elsewhere.
 */
public final class PgDatabase implements Db {
    public static final String SERVER = System.getenv().getOrDefault("RETORT_TEST_PG", "127.0.0.1:5432");
    private final String name;

    private PgDatabase(String name) { this.name = name; }

    public static PgDatabase create() {
        String name = "retort_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE DATABASE " + name);
        return new PgDatabase(name);
    }

    public String name() { return name; }

    /** A libpq-style URL, as users write it. */
    @Override public String url() { return "postgresql://postgres@" + SERVER + "/" + name; }

    public String jdbcUrl() { return "jdbc:postgresql://" + SERVER + "/" + name; }

    @Override public Connection connect() throws SQLException { return DriverManager.getConnection(jdbcUrl(), "postgres", ""); }

    /** "schema.table" of every table outside the system schemas, sorted. */
    @Override public List<String> tables() {
        return query("select schemaname || '.' || tablename from pg_tables where schemaname not in ('pg_catalog', 'information_schema') order by 1")
                .stream().map(r -> r.get(0)).toList();
    }

    @Override
    public void close() { admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); }

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + SERVER + "/postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
