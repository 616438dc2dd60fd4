package dev.retort.testing;

import java.io.File;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A SQLite database file of the test's own (deleted with its temporary folder). Connections attach the schema files
 * Retort keeps beside it ({@code app.<schema>.db}), so queries see schema-qualified tables as Retort does.
 */
public final class SqliteFile implements Db {
    private final Path file;

    public SqliteFile(Path file) { this.file = file; }

    @Override public String url() { return "sqlite:///" + file; }

    @Override
    public Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        String base = file.getFileName().toString().replaceFirst("\\.db$", "");
        File[] siblings = file.toAbsolutePath().getParent().toFile().listFiles();
        for (File f : siblings == null ? new File[0] : siblings) {
            String n = f.getName();
            if (n.startsWith(base + ".") && n.endsWith(".db") && !n.equals(file.getFileName().toString())) {
                try (Statement s = c.createStatement()) {
                    s.execute("ATTACH DATABASE '" + f.getPath().replace("'", "''") + "' AS \"" + n.substring(base.length() + 1, n.length() - 3) + "\"");
                }
            }
        }
        return c;
    }

    @Override
    public List<String> tables() {
        List<String> out = new ArrayList<>();
        for (List<String> db : query("PRAGMA database_list")) {
            if (db.get(1).equals("temp")) continue;
            String schema = db.get(1).equals("main") ? "public" : db.get(1);
            for (List<String> t : query("SELECT name FROM \"" + db.get(1) + "\".sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
                out.add(schema + "." + t.get(0));
            }
        }
        return out.stream().sorted().toList();
    }

    @Override public void close() { }
}
