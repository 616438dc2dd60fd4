package dev.retort.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A database of its own for one test, on one of the supported databases; dropped (or deleted) on close. */
public interface Db extends AutoCloseable {
    /** The URL as a user would give it to Retort. */
    String url();

    Connection connect() throws SQLException;

    /** "schema.table" of every user table, sorted, with the default schema named "public". */
    List<String> tables();

    @Override void close();

    default void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The rows of a query, each column as text. */
    default List<List<String>> query(String sql) {
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

    /** A database by dialect name: "postgresql", "h2" (a file under {@code dir}), "mysql" (the local MariaDB), "sqlite" (app.db under {@code dir}). */
    static Db create(String dialect, java.nio.file.Path dir) {
        return switch (dialect) {
            case "postgresql" -> PgDatabase.create();
            case "h2" -> new H2File(dir.resolve("h2db"));
            case "mysql" -> MariaDb.create();
            case "sqlite" -> new SqliteFile(dir.resolve("app.db"));
            default -> throw new IllegalArgumentException(dialect);
        };
    }
}
