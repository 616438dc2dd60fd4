package dev.retort.dialect.sqlite;

import dev.retort.dialect.CatalogQuery;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code clean} on SQLite: the schema's views, then its tables (their indexes and triggers go with them). */
final class SqliteClean {
    private SqliteClean() {}

    static List<String> statements(Connection c, SqliteDialect d, String schema, Set<String> keep) throws SQLException {
        String master = (schema.equals(d.defaultSchema()) ? "main" : d.quote(schema)) + ".sqlite_master";
        List<String> views = new ArrayList<>(), tables = new ArrayList<>();
        for (String[] r : CatalogQuery.pairs(c, "SELECT name, type FROM " + master + " WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")) {
            if (keep.contains(schema + "." + r[0])) continue;
            (r[1].equals("view") ? views : tables).add((r[1].equals("view") ? "DROP VIEW IF EXISTS " : "DROP TABLE IF EXISTS ") + d.qualify(schema, r[0]));
        }
        views.addAll(tables);
        return views;
    }
}
