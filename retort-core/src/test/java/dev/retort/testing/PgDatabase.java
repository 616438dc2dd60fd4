package dev.retort.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A PostgreSQL database of its own for one test, on the local server (127.0.0.1:5432, trust auth), dropped on close.
 * Set RETORT_TEST_PG to another host:port to point the tests elsewhere.
 */
public final class PgDatabase implements AutoCloseable {
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
    public String url() { return "postgresql://postgres@" + SERVER + "/" + name; }

    public String jdbcUrl() { return "jdbc:postgresql://" + SERVER + "/" + name; }

    public Connection connect() throws SQLException { return DriverManager.getConnection(jdbcUrl(), "postgres", ""); }

    public void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The rows of a query, each column as text. */
    public List<List<String>> query(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) row.add(rs.getString(i));
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** "schema.table" of every table outside the system schemas, sorted. */
    public List<String> tables() {
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
