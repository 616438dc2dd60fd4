package dev.retort.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/** An H2 database file of its own (deleted with the test's temporary folder). */
public final class H2File implements Db {
    private final Path base;

    public H2File(Path base) { this.base = base; }

    @Override public String url() { return "h2:file:" + base + ";AUTO_SERVER=TRUE"; }

    @Override
    public Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + base + ";AUTO_SERVER=TRUE;DATABASE_TO_LOWER=TRUE");
    }

    @Override
    public List<String> tables() {
        return query("SELECT TABLE_SCHEMA || '.' || TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'BASE TABLE'"
                + " AND TABLE_SCHEMA <> 'information_schema' ORDER BY 1").stream().map(r -> r.get(0)).toList();
    }

    @Override public void close() { }
}
