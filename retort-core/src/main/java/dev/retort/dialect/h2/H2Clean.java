package dev.retort.dialect.h2;

import dev.retort.dialect.CatalogQuery;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code clean} on H2: the schema's views, tables, sequences (not identity columns') and domains, from INFORMATION_SCHEMA. */
final class H2Clean {
    private H2Clean() {}

    static List<String> statements(Connection c, H2Dialect d, String schema, Set<String> keep) throws SQLException {
        List<String> views = new ArrayList<>(), rest = new ArrayList<>();
        for (String[] r : CatalogQuery.pairs(c, "SELECT TABLE_NAME, TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME", schema)) {
            if (keep.contains(schema + "." + r[0])) continue;
            if (r[1].equals("VIEW")) views.add("DROP VIEW IF EXISTS " + d.qualify(schema, r[0]) + " CASCADE");
            else rest.add("DROP TABLE IF EXISTS " + d.qualify(schema, r[0]) + " CASCADE");
        }
        for (String[] r : CatalogQuery.pairs(c, "SELECT SEQUENCE_NAME, DATA_TYPE FROM INFORMATION_SCHEMA.SEQUENCES WHERE SEQUENCE_SCHEMA = ?"
                + " AND SEQUENCE_NAME NOT LIKE 'SYSTEM_SEQUENCE_%' ORDER BY SEQUENCE_NAME", schema)) {
            rest.add("DROP SEQUENCE IF EXISTS " + d.qualify(schema, r[0]));
        }
        for (String[] r : CatalogQuery.pairs(c, "SELECT DOMAIN_NAME, DATA_TYPE FROM INFORMATION_SCHEMA.DOMAINS WHERE DOMAIN_SCHEMA = ? ORDER BY DOMAIN_NAME", schema)) {
            rest.add("DROP DOMAIN IF EXISTS " + d.qualify(schema, r[0]) + " CASCADE");
        }
        views.addAll(rest);
        return views;
    }
}
