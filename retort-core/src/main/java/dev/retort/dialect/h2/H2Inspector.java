package dev.retort.dialect.h2;

import java.util.Arrays;
import java.util.Locale;
import static dev.retort.dialect.CatalogQuery.query;

import dev.retort.dialect.Filter;
import dev.retort.dialect.TableParts;
import dev.retort.schema.Catalog;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.EnumType;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.Schema;
import dev.retort.schema.SchemaObject;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Reads H2's INFORMATION_SCHEMA, one query per kind of object for all schemas at once. */
final class H2Inspector {
    private final H2Dialect dialect;

    H2Inspector(H2Dialect dialect) { this.dialect = dialect; }

    Catalog inspect(Connection c, Filter filter) throws SQLException {
        Reading r = new Reading(c, filter);
        r.tables();
        r.columns();
        r.constraints();
        r.indexes();
        r.enums();
        Map<String, Map<String, SchemaObject>> views = r.views();
        Map<String, Schema> out = new LinkedHashMap<>();
        for (var e : r.tables.entrySet()) {
            Map<String, Table> ts = new HashMap<>();
            e.getValue().forEach((k, v) -> ts.put(k, v.build()));
            Map<String, EnumType> enums = new HashMap<>();
            r.enumValues.getOrDefault(e.getKey(), Map.of()).forEach((k, v) -> enums.put(k, new EnumType(e.getKey(), k, v)));
            out.put(e.getKey(), new Schema(e.getKey(), ts, Map.of(), enums, Map.of(), views.getOrDefault(e.getKey(), Map.of())));
        }
        return new Catalog(out, true);
    }

    /** One inspection: the tables as they are collected, one query per kind of object. */
    private final class Reading {
        final Connection c;
        final Filter filter;
        final Map<String, Map<String, TableParts>> tables = new TreeMap<>();
        /** The indexes H2 made for constraints ("schema.index"), which are not indexes of their own. */
        final Set<String> constraintIndexes = new HashSet<>();
        final Map<String, Map<String, List<String>>> enumValues = new TreeMap<>();

        Reading(Connection c, Filter filter) {
            this.c = c;
            this.filter = filter;
        }

        TableParts table(String schema, String name) {
            Map<String, TableParts> s = tables.get(schema);
            return s == null ? null : s.get(name);
        }

        /** The views of the managed schemas, each with its query as H2 keeps it (its own spelling of the one that made it). */
        Map<String, Map<String, SchemaObject>> views() throws SQLException {
            Map<String, Map<String, SchemaObject>> out = new TreeMap<>();
            query(c, "SELECT TABLE_SCHEMA, TABLE_NAME, VIEW_DEFINITION FROM INFORMATION_SCHEMA.VIEWS ORDER BY 1, 2", rs -> {
                if (!tables.containsKey(rs.getString(1)) || !filter.includesTable(rs.getString(1), rs.getString(2))) return;
                SchemaObject v = SchemaObject.of(SchemaObject.Kind.VIEW, rs.getString(1), rs.getString(2), null, rs.getString(3));
                out.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(v.key(), v);
            });
            return out;
        }

        /** The managed schemas and their tables. */
        void tables() throws SQLException {
            query(c, "SELECT SCHEMA_NAME FROM INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME <> 'information_schema' ORDER BY 1", rs -> {
                if (filter.includesSchema(rs.getString(1))) tables.put(rs.getString(1), new TreeMap<>());
            });
            query(c, "SELECT TABLE_SCHEMA, TABLE_NAME, REMARKS FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'BASE TABLE' ORDER BY 1, 2", rs -> {
                Map<String, TableParts> s = tables.get(rs.getString(1));
                if (s != null && filter.includesTable(rs.getString(1), rs.getString(2))) {
                    s.put(rs.getString(2), new TableParts(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            });
        }

        void columns() throws SQLException {
            query(c, "SELECT c.TABLE_SCHEMA, c.TABLE_NAME, c.COLUMN_NAME, c.DATA_TYPE, c.CHARACTER_MAXIMUM_LENGTH, c.NUMERIC_PRECISION,"
                    + " c.NUMERIC_SCALE, c.DATETIME_PRECISION, c.DOMAIN_SCHEMA, c.DOMAIN_NAME, c.COLUMN_DEFAULT, c.IS_IDENTITY,"
                    + " c.IDENTITY_GENERATION, c.IDENTITY_START, c.IDENTITY_INCREMENT, c.IS_NULLABLE, c.GENERATION_EXPRESSION, c.REMARKS,"
                    + " e.DATA_TYPE, e.CHARACTER_MAXIMUM_LENGTH, e.NUMERIC_PRECISION, e.NUMERIC_SCALE, e.DATETIME_PRECISION, c.COLUMN_ON_UPDATE,"
                    + " (SELECT LISTAGG(QUOTE_IDENT(v.VALUE_NAME), ',') WITHIN GROUP (ORDER BY v.VALUE_ORDINAL)"
                    + " FROM INFORMATION_SCHEMA.ENUM_VALUES v WHERE v.OBJECT_SCHEMA = c.TABLE_SCHEMA AND v.OBJECT_NAME = c.TABLE_NAME"
                    + " AND v.OBJECT_TYPE = 'TABLE' AND v.ENUM_IDENTIFIER = c.DTD_IDENTIFIER), c.IDENTITY_MINIMUM, c.IDENTITY_MAXIMUM"
                    + " FROM INFORMATION_SCHEMA.COLUMNS c LEFT JOIN INFORMATION_SCHEMA.ELEMENT_TYPES e ON e.OBJECT_SCHEMA = c.TABLE_SCHEMA"
                    + " AND e.OBJECT_NAME = c.TABLE_NAME AND e.OBJECT_TYPE = 'TABLE' AND e.COLLECTION_TYPE_IDENTIFIER = c.DTD_IDENTIFIER"
                    + " ORDER BY c.TABLE_SCHEMA, c.TABLE_NAME, c.ORDINAL_POSITION", rs -> {
                TableParts t = table(rs.getString(1), rs.getString(2));
                if (t == null) return;
                String type;
                if (rs.getString(10) != null) type = dialect.quote(rs.getString(9)) + "." + dialect.quote(rs.getString(10));
                else if ("array".equalsIgnoreCase(rs.getString(4))) {
                    type = H2Types.fromCatalog(rs.getString(19).toLowerCase(Locale.ROOT), (Long) rs.getObject(20), (Integer) rs.getObject(21),
                            (Integer) rs.getObject(22), (Integer) rs.getObject(23)) + "[]";
                } else if ("enum".equalsIgnoreCase(rs.getString(4)) && rs.getString(25) != null) {
                    // a column's own ENUM (...), not a domain: its values, as literals
                    type = "enum(" + String.join(",", Arrays.stream(rs.getString(25).split("\",\"", -1))
                            .map(v -> "'" + v.replaceAll("^\"|\"$", "").replace("\"\"", "\"").replace("'", "''") + "'").toList()) + ")";
                } else {
                    type = H2Types.fromCatalog(rs.getString(4), (Long) rs.getObject(5), (Integer) rs.getObject(6), (Integer) rs.getObject(7), (Integer) rs.getObject(8));
                }
                Column.Identity identity = null;
                if ("YES".equals(rs.getString(12))) {
                    // the sequence's options as PostgreSQL's would read: H2's defaults for a type are the same
                    identity = dev.retort.dialect.postgres.PostgresDialect.canonicalIdentity(new Column.Identity("ALWAYS".equals(rs.getString(13)),
                            rs.getLong(14), rs.getLong(15), rs.getLong(26), rs.getLong(27)), type);
                }
                t.columns.add(new Column(rs.getString(3), type, "YES".equals(rs.getString(16)), identity == null ? rs.getString(11) : null,
                        identity, rs.getString(17), null, rs.getString(18), rs.getString(24)));
            });
        }

        /** Primary keys, unique constraints, checks and foreign keys. */
        void constraints() throws SQLException {
            Map<String, String[]> uniqueOwners = new HashMap<>(); // "schema.constraint" -> {schema, table}
            Map<String, List<String>> keyColumns = new HashMap<>();
            query(c, "SELECT CONSTRAINT_SCHEMA, CONSTRAINT_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE"
                    + " ORDER BY CONSTRAINT_SCHEMA, CONSTRAINT_NAME, ORDINAL_POSITION", rs -> {
                keyColumns.computeIfAbsent(rs.getString(1) + "." + rs.getString(2), k -> new ArrayList<>()).add(rs.getString(3));
            });
            Map<String, String[]> refs = new HashMap<>();
            query(c, "SELECT CONSTRAINT_SCHEMA, CONSTRAINT_NAME, UNIQUE_CONSTRAINT_SCHEMA, UNIQUE_CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE"
                    + " FROM INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS", rs -> {
                refs.put(rs.getString(1) + "." + rs.getString(2), new String[] {rs.getString(3) + "." + rs.getString(4), rs.getString(5), rs.getString(6)});
            });
            Map<String, String> checks = new HashMap<>();
            query(c, "SELECT CONSTRAINT_SCHEMA, CONSTRAINT_NAME, CHECK_CLAUSE FROM INFORMATION_SCHEMA.CHECK_CONSTRAINTS", rs -> {
                checks.put(rs.getString(1) + "." + rs.getString(2), rs.getString(3));
            });
            List<String[]> constraints = new ArrayList<>();
            query(c, "SELECT CONSTRAINT_SCHEMA, CONSTRAINT_NAME, CONSTRAINT_TYPE, TABLE_SCHEMA, TABLE_NAME, INDEX_NAME"
                    + " FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS ORDER BY 1, 2", rs -> {
                constraints.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)});
                uniqueOwners.put(rs.getString(1) + "." + rs.getString(2), new String[] {rs.getString(4), rs.getString(5)});
                if (rs.getString(6) != null && !"FOREIGN KEY".equals(rs.getString(3))) constraintIndexes.add(rs.getString(4) + "." + rs.getString(6));
            });
            for (String[] k : constraints) {
                TableParts t = table(k[3], k[4]);
                if (t == null) continue;
                String id = k[0] + "." + k[1];
                List<String> cols = keyColumns.getOrDefault(id, List.of());
                switch (k[2]) {
                    case "PRIMARY KEY" -> t.pk = new PrimaryKey(k[1], cols);
                    case "UNIQUE" -> t.uniques.put(k[1], new UniqueConstraint(k[1], cols, false, false, false));
                    case "CHECK" -> t.checks.add(new CheckConstraint(k[1], checks.get(id)));
                    case "FOREIGN KEY" -> {
                        String[] r = refs.get(id);
                        String[] owner = uniqueOwners.get(r[0]);
                        t.fks.put(k[1], new ForeignKey(k[1], cols, owner[0], owner[1], keyColumns.getOrDefault(r[0], List.of()),
                                action(r[2]), action(r[1]), false, false, false));
                    }
                    default -> { }
                }
            }
        }

        void indexes() throws SQLException {
            query(c, "SELECT i.INDEX_SCHEMA, i.TABLE_NAME, i.INDEX_NAME, i.INDEX_TYPE_NAME, i.IS_GENERATED, ic.COLUMN_NAME, ic.ORDERING_SPECIFICATION"
                    + " FROM INFORMATION_SCHEMA.INDEXES i JOIN INFORMATION_SCHEMA.INDEX_COLUMNS ic ON ic.INDEX_SCHEMA = i.INDEX_SCHEMA"
                    + " AND ic.INDEX_NAME = i.INDEX_NAME AND ic.TABLE_NAME = i.TABLE_NAME"
                    + " ORDER BY i.INDEX_SCHEMA, i.TABLE_NAME, i.INDEX_NAME, ic.ORDINAL_POSITION", rs -> {
                TableParts t = table(rs.getString(1), rs.getString(2));
                if (t == null || rs.getBoolean(5) || constraintIndexes.contains(rs.getString(1) + "." + rs.getString(3))) return;
                String name = rs.getString(3);
                String col = rs.getString(6);
                t.indexKey(name, (col.matches("[a-z_][a-z0-9_$]*") ? col : dialect.quote(col)) + ("DESC".equals(rs.getString(7)) ? " DESC" : ""),
                        rs.getString(4).startsWith("UNIQUE"));
            });
        }

        /** Enum domains: H2's named enums. */
        void enums() throws SQLException {
            query(c, "SELECT OBJECT_SCHEMA, OBJECT_NAME, VALUE_NAME FROM INFORMATION_SCHEMA.ENUM_VALUES WHERE OBJECT_TYPE = 'DOMAIN'"
                    + " ORDER BY OBJECT_SCHEMA, OBJECT_NAME, VALUE_ORDINAL", rs -> {
                if (tables.containsKey(rs.getString(1))) {
                    enumValues.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(rs.getString(3));
                }
            });
        }
    }

    private static String action(String rule) {
        return rule == null || rule.equals("RESTRICT") || rule.equals("NO ACTION") ? null : rule;
    }
}
