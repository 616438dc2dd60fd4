package dev.retort.dialect.mysql;

import dev.retort.dialect.CatalogQuery;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code clean} on MySQL and MariaDB: the schema's database keeps its views, tables, routines and events no more;
 * foreign key checks are off while the tables go, so their order does not matter.
 */
final class MySqlClean {
    private MySqlClean() {}

    static List<String> statements(Connection c, MySqlDialect d, String schema, Set<String> keep) throws SQLException {
        String db = schema.equals(d.defaultSchema()) ? "DATABASE()" : "?";
        Object[] param = schema.equals(d.defaultSchema()) ? new Object[0] : new Object[] {schema};
        List<String> views = new ArrayList<>(), rest = new ArrayList<>();
        for (String[] r : CatalogQuery.pairs(c, "SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = " + db + " ORDER BY TABLE_NAME", param)) {
            if (keep.contains(schema + "." + r[0])) continue;
            (r[1].equals("VIEW") ? views : rest).add((r[1].equals("VIEW") ? "DROP VIEW IF EXISTS " : "DROP TABLE IF EXISTS ") + d.qualify(schema, r[0]));
        }
        for (String[] r : CatalogQuery.pairs(c, "SELECT ROUTINE_NAME, ROUTINE_TYPE FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = " + db
                + " ORDER BY ROUTINE_NAME", param)) {
            rest.add("DROP " + r[1] + " IF EXISTS " + d.qualify(schema, r[0]));
        }
        for (String[] r : CatalogQuery.pairs(c, "SELECT EVENT_NAME, EVENT_TYPE FROM information_schema.EVENTS WHERE EVENT_SCHEMA = " + db + " ORDER BY EVENT_NAME", param)) {
            rest.add("DROP EVENT IF EXISTS " + d.qualify(schema, r[0]));
        }
        if (views.isEmpty() && rest.isEmpty()) return List.of();
        List<String> out = new ArrayList<>(List.of("SET FOREIGN_KEY_CHECKS = 0"));
        out.addAll(views);
        out.addAll(rest);
        out.add("SET FOREIGN_KEY_CHECKS = 1");
        return out;
    }
}
