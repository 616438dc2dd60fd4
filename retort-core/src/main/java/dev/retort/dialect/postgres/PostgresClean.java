package dev.retort.dialect.postgres;

import dev.retort.dialect.CatalogQuery;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code clean} on PostgreSQL: every relation, routine and type of a schema, from the catalog, except what an
 * extension owns and the sequences a column owns (they go with their table). Views first; CASCADE for the rest.
 */
final class PostgresClean {
    private PostgresClean() {}

    private static final String NOT_OWNED = " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = %s AND d.deptype IN (%s))";

    static List<String> statements(Connection c, PostgresDialect d, String schema, Set<String> keep) throws SQLException {
        List<String> views = new ArrayList<>(), rest = new ArrayList<>();
        String relations = "SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ?"
                + " AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND NOT c.relispartition" + NOT_OWNED.formatted("c.oid", "'e', 'a', 'i'")
                + " ORDER BY c.relname";
        for (String[] r : rows(c, relations, schema)) {
            if (keep.contains(schema + "." + r[0])) continue;
            String name = d.qualify(schema, r[0]);
            switch (r[1]) {
                case "v" -> views.add("DROP VIEW IF EXISTS " + name + " CASCADE");
                case "m" -> views.add("DROP MATERIALIZED VIEW IF EXISTS " + name + " CASCADE");
                case "S" -> rest.add("DROP SEQUENCE IF EXISTS " + name + " CASCADE");
                case "f" -> rest.add("DROP FOREIGN TABLE IF EXISTS " + name + " CASCADE");
                default -> rest.add("DROP TABLE IF EXISTS " + name + " CASCADE");
            }
        }
        String routines = "SELECT p.oid::regprocedure::text, p.prokind FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ?"
                + NOT_OWNED.formatted("p.oid", "'e'") + " ORDER BY 1";
        for (String[] r : rows(c, routines, schema)) {
            String kind = r[1].equals("p") ? "PROCEDURE" : r[1].equals("a") ? "AGGREGATE" : "FUNCTION";
            String signature = r[0].contains(".") ? r[0] : d.quote(schema) + "." + r[0];
            rest.add("DROP " + kind + " IF EXISTS " + signature + " CASCADE");
        }
        String types = "SELECT t.typname, t.typtype FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = ?"
                + " AND t.typtype IN ('e', 'd', 'r', 'c') AND (t.typtype <> 'c' OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')"
                + NOT_OWNED.formatted("t.oid", "'e', 'i'") + " ORDER BY 1";
        for (String[] r : rows(c, types, schema)) {
            rest.add((r[1].equals("d") ? "DROP DOMAIN IF EXISTS " : "DROP TYPE IF EXISTS ") + d.qualify(schema, r[0]) + " CASCADE");
        }
        views.addAll(rest);
        return views;
    }

    private static List<String[]> rows(Connection c, String sql, String schema) throws SQLException { return CatalogQuery.pairs(c, sql, schema); }
}
