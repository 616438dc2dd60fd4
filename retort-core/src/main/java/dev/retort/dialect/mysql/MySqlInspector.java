package dev.retort.dialect.mysql;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import static dev.retort.dialect.CatalogQuery.query;

import dev.retort.dialect.Filter;
import dev.retort.dialect.TableParts;
import dev.retort.schema.Catalog;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.Schema;
import dev.retort.schema.SchemaObject;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads information_schema, one query per kind of object for all managed databases at once. The connection's own
 * database reads as schema "public". MariaDB's json (longtext with a json_valid check named after the column) reads
 * back as json.
 *
 * <p>Where MySQL 8 keeps its catalog differently from MariaDB: CHECK_CONSTRAINTS has no TABLE_NAME (check names are
 * unique per database there, so TABLE_CONSTRAINTS gives the table); COLUMN_DEFAULT holds a literal default without
 * its quotes and marks expression defaults DEFAULT_GENERATED in EXTRA, writing their string literals with a charset
 * introducer ({@code _utf8mb4\'x\'}); STATISTICS has EXPRESSION for functional index keys.
 */
final class MySqlInspector {
    private static final Set<String> SYSTEM = Set.of("mysql", "information_schema", "performance_schema", "sys");
    private static final Pattern INTRODUCED = Pattern.compile("_[a-z0-9]+\\\\'((?:[^\\\\]|\\\\.)*?)\\\\'");
    private final MySqlDialect dialect;
    private final boolean mariadb;

    MySqlInspector(MySqlDialect dialect, boolean mariadb) {
        this.dialect = dialect;
        this.mariadb = mariadb;
    }

    Catalog inspect(Connection c, Filter filter) throws SQLException {
        String current;
        try (PreparedStatement ps = c.prepareStatement("SELECT DATABASE()"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            current = rs.getString(1);
        }
        if (current == null) throw new SQLException("the URL names no database (mysql://host/DATABASE)");
        Reading r = new Reading(c, filter, current);
        if (r.schemas().isEmpty()) return new Catalog(Map.of(), true);
        r.tables();
        r.columns();
        r.constraints();
        r.checks();
        r.indexes();
        r.views();
        r.triggers();
        Map<String, Schema> out = new LinkedHashMap<>();
        for (var e : r.tables.entrySet()) {
            Map<String, Table> ts = new HashMap<>();
            e.getValue().forEach((k, v) -> ts.put(k, v.build()));
            out.put(e.getKey(), new Schema(e.getKey(), ts, Map.of(), Map.of(), Map.of(), r.objects.getOrDefault(e.getKey(), Map.of())));
        }
        return new Catalog(out, true);
    }

    /** One inspection: the managed databases, and the tables as they are collected, one query per kind of object. */
    private final class Reading {
        final Connection c;
        final Filter filter;
        final String current;
        final Map<String, String> logical = new LinkedHashMap<>(); // database -> schema name
        final Map<String, Map<String, TableParts>> tables = new TreeMap<>();
        final Map<String, String> tableCollations = new HashMap<>(); // database.table -> its default collation
        final Map<String, Map<String, SchemaObject>> objects = new HashMap<>(); // schema -> key -> view or trigger
        List<String> dbs;
        String in;

        Reading(Connection c, Filter filter, String current) {
            this.c = c;
            this.filter = filter;
            this.current = current;
        }

        TableParts table(ResultSet rs) throws SQLException {
            Map<String, TableParts> s = tables.get(logical.get(rs.getString(1)));
            return s == null ? null : s.get(rs.getString(2));
        }

        /** The managed databases; the connection's own reads as "public". */
        List<String> schemas() throws SQLException {
            query(c, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA ORDER BY 1", List.of(), rs -> {
                String db = rs.getString(1);
                if (SYSTEM.contains(db.toLowerCase(Locale.ROOT))) return;
                String name = db.equals(current) ? "public" : db;
                if (filter.includesSchema(name)) logical.put(db, name);
            });
            dbs = new ArrayList<>(logical.keySet());
            for (String s : logical.values()) tables.put(s, new TreeMap<>());
            in = " IN (" + String.join(", ", dbs.stream().map(x -> "?").toList()) + ")";
            return dbs;
        }

        void tables() throws SQLException {
            query(c, "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_COMMENT, TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE'"
                    + " AND TABLE_SCHEMA" + in + " ORDER BY 1, 2", dbs, rs -> {
                String s = logical.get(rs.getString(1));
                if (filter.includesTable(s, rs.getString(2))) tables.get(s).put(rs.getString(2), new TableParts(s, rs.getString(2), blankToNull(rs.getString(3))));
                tableCollations.put(rs.getString(1) + "." + rs.getString(2), rs.getString(4));
            });
        }

        void columns() throws SQLException {
            query(c, "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, COLUMN_DEFAULT, IS_NULLABLE, EXTRA, COLUMN_COMMENT, GENERATION_EXPRESSION,"
                    + " COLLATION_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA" + in + " ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION", dbs, rs -> {
                TableParts t = table(rs);
                if (t == null) return;
                String extra = rs.getString(7) == null ? "" : rs.getString(7).toLowerCase(Locale.ROOT);
                boolean identity = extra.contains("auto_increment");
                String def = rs.getString(5);
                if (def != null && def.equalsIgnoreCase("NULL")) def = null;
                if (!mariadb && def != null) def = extra.contains("default_generated") ? mysqlExpression(def) : mysqlLiteral(def);
                String generatedExtra = extra.replace("default_generated", "");
                String generated = generatedExtra.contains("generated") || generatedExtra.contains("virtual") || generatedExtra.contains("persistent")
                        ? blankToNull(rs.getString(9)) : null;
                // a collation of the column's own (not the table's default): MODIFY COLUMN must restate it, or it is lost
                String collation = rs.getString(10) == null || rs.getString(10).equals(tableCollations.get(rs.getString(1) + "." + rs.getString(2)))
                        ? null : rs.getString(10);
                t.columns.add(new Column(rs.getString(3), type(rs.getString(4)), "YES".equals(rs.getString(6)), identity || generated != null ? null : def,
                        identity ? new Column.Identity(false, null, null) : null, generated, collation, blankToNull(rs.getString(8)), onUpdate(extra)));
            });
        }

        /** Primary keys, unique constraints and foreign keys, from their columns and rules. */
        void constraints() throws SQLException {
            Map<String, List<String[]>> keyColumns = new HashMap<>(); // schema.table.constraint -> {column, refDb, refTable, refColumn}
            query(c, "SELECT TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME"
                    + " FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA" + in + " ORDER BY TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION", dbs, rs -> {
                keyColumns.computeIfAbsent(rs.getString(1) + "." + rs.getString(2) + "." + rs.getString(3), k -> new ArrayList<>())
                        .add(new String[] {rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)});
            });
            Map<String, String[]> rules = new HashMap<>();
            query(c, "SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE FROM information_schema.REFERENTIAL_CONSTRAINTS"
                    + " WHERE CONSTRAINT_SCHEMA" + in, dbs, rs -> rules.put(rs.getString(1) + "." + rs.getString(2) + "." + rs.getString(3),
                    new String[] {rs.getString(4), rs.getString(5)}));
            query(c, "SELECT TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, CONSTRAINT_TYPE FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA" + in
                    + " ORDER BY 1, 2, 3", dbs, rs -> {
                TableParts t = table(rs);
                if (t == null) return;
                String id = rs.getString(1) + "." + rs.getString(2) + "." + rs.getString(3);
                List<String[]> cols = keyColumns.getOrDefault(id, List.of());
                List<String> names = cols.stream().map(x -> x[0]).toList();
                switch (rs.getString(4)) {
                    case "PRIMARY KEY" -> t.pk = new PrimaryKey("PRIMARY", names);
                    case "UNIQUE" -> t.uniques.put(rs.getString(3), new UniqueConstraint(rs.getString(3), names, false, false, false));
                    case "FOREIGN KEY" -> {
                        String[] r = rules.getOrDefault(id, new String[2]);
                        String refDb = cols.get(0)[1];
                        String refSchema = refDb.equals(current) ? "public" : refDb;
                        t.fks.put(rs.getString(3), new ForeignKey(rs.getString(3), names, refSchema, cols.get(0)[2], cols.stream().map(x -> x[3]).toList(),
                                MySqlTypes.action(r[1]), MySqlTypes.action(r[0]), false, false, false));
                    }
                    default -> { }
                }
            });
        }

        void checks() throws SQLException {
            String checks = mariadb
                    ? "SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA" + in
                    : "SELECT t.TABLE_SCHEMA, t.TABLE_NAME, t.CONSTRAINT_NAME, k.CHECK_CLAUSE FROM information_schema.TABLE_CONSTRAINTS t"
                            + " JOIN information_schema.CHECK_CONSTRAINTS k ON k.CONSTRAINT_SCHEMA = t.CONSTRAINT_SCHEMA AND k.CONSTRAINT_NAME = t.CONSTRAINT_NAME"
                            + " WHERE t.CONSTRAINT_TYPE = 'CHECK' AND t.TABLE_SCHEMA" + in;
            query(c, checks + " ORDER BY 1, 2, 3", dbs, rs -> {
                TableParts t = table(rs);
                if (t == null) return;
                String name = rs.getString(3), clause = rs.getString(4);
                if (clause.equals("json_valid(" + dialect.quote(name) + ")") && t.columns.stream().anyMatch(col -> col.name().equals(name))) {
                    // MariaDB's json is longtext in utf8mb4_bin: the collation comes with the type, not from the column
                    t.columns.replaceAll(col -> col.name().equals(name) ? col.withType("json").withCollation(null) : col);
                    return;
                }
                t.checks.add(new CheckConstraint(name, clause));
            });
        }

        void indexes() throws SQLException {
            query(c, "SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, COLLATION, SUB_PART, " + (mariadb ? "NULL" : "EXPRESSION")
                    + ", INDEX_TYPE FROM information_schema.STATISTICS WHERE TABLE_SCHEMA" + in + " ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX", dbs, rs -> {
                TableParts t = table(rs);
                String name = rs.getString(3);
                // the primary key, unique constraints, and the indexes MySQL made for foreign keys are not indexes of their own
                if (t == null || name.equals("PRIMARY") || t.uniques.containsKey(name) || t.fks.containsKey(name)) return;
                String col = rs.getString(5);
                // a prefix length (SUB_PART) is how MySQL indexes text: the key reads as the column
                String key = (col == null ? "(" + (rs.getString(8) == null ? "expression" : mysqlExpression(rs.getString(8))) + ")"
                        : col.matches("[a-z_][a-z0-9_$]*") ? col : "\"" + col.replace("\"", "\"\"") + "\"")
                        + ("D".equals(rs.getString(6)) ? " DESC" : "");
                t.indexKey(name, key, rs.getInt(4) == 0, MySqlTypes.indexKind(rs.getString(9)));
            });
        }

        void add(SchemaObject o) { objects.computeIfAbsent(o.schema(), k -> new HashMap<>()).put(o.key(), o); }

        /**
         * Views as the server spells them (every name qualified with its database), the URL's own database left out,
         * so the text does not depend on the database's name; WITH CHECK OPTION, which MySQL keeps apart, appended;
         * ALGORITHM and SQL SECURITY, when not the defaults, as the view's state.
         */
        void views() throws SQLException {
            query(c, "SELECT TABLE_SCHEMA, TABLE_NAME, VIEW_DEFINITION, CHECK_OPTION, ALGORITHM, SECURITY_TYPE FROM information_schema.VIEWS WHERE TABLE_SCHEMA"
                    + in + " ORDER BY 1, 2", dbs, rs -> {
                String s = logical.get(rs.getString(1));
                if (!filter.includesTable(s, rs.getString(2))) return;
                String check = rs.getString(4) == null || rs.getString(4).equals("NONE") ? "" : " WITH " + rs.getString(4) + " CHECK OPTION";
                String characteristics = SchemaObject.viewCharacteristics("ALGORITHM=" + rs.getString(5) + " SQL SECURITY " + rs.getString(6));
                add(SchemaObject.of(SchemaObject.Kind.VIEW, s, rs.getString(2), null, withoutOwnDatabase(rs.getString(3), current) + check).withState(characteristics));
            });
        }

        /** Triggers as one CREATE TRIGGER statement, the body as it was written (MySQL keeps it). */
        void triggers() throws SQLException {
            query(c, "SELECT TRIGGER_SCHEMA, TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_STATEMENT FROM information_schema.TRIGGERS"
                    + " WHERE TRIGGER_SCHEMA" + in + " ORDER BY 1, 3, 2", dbs, rs -> {
                String s = logical.get(rs.getString(1));
                if (!tables.get(s).containsKey(rs.getString(3))) return;
                add(SchemaObject.of(SchemaObject.Kind.TRIGGER, s, rs.getString(2), rs.getString(3), "CREATE TRIGGER " + dialect.qualify(s, rs.getString(2)) + " "
                        + rs.getString(4) + " " + rs.getString(5) + " ON " + dialect.qualify(s, rs.getString(3)) + " FOR EACH ROW " + rs.getString(6)));
            });
        }
    }

    /**
     * What Retort does not model on MySQL, named so that check and diff report it rather than leave it out silently:
     * partitioned tables (MySQL partitions a table in its own syntax, the partitions part of the table; a CREATE of it
     * as Retort writes it would lose them), stored functions and procedures, and events.
     */
    static List<dev.retort.schema.Unrepresented> unrepresented(Connection c, Filter f) throws SQLException {
        List<dev.retort.schema.Unrepresented> out = new ArrayList<>();
        String system = " NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')";
        query(c, "SELECT p.TABLE_SCHEMA = DATABASE(), p.TABLE_SCHEMA, p.TABLE_NAME, MIN(p.PARTITION_METHOD), MIN(p.PARTITION_EXPRESSION), COUNT(*)"
                + " FROM information_schema.PARTITIONS p WHERE p.PARTITION_NAME IS NOT NULL AND p.TABLE_SCHEMA" + system
                + " GROUP BY p.TABLE_SCHEMA, p.TABLE_NAME ORDER BY 2, 3", List.of(), rs -> {
            String schema = rs.getBoolean(1) ? "public" : rs.getString(2);
            if (!f.includesSchema(schema) || !f.includesTable(schema, rs.getString(3))) return;
            out.add(new dev.retort.schema.Unrepresented(schema, rs.getString(3), "partitioned table", null,
                    "PARTITION BY " + rs.getString(4) + " (" + rs.getString(5) + "), " + rs.getInt(6) + " partitions"));
        });
        query(c, "SELECT ROUTINE_SCHEMA = DATABASE(), ROUTINE_SCHEMA, ROUTINE_NAME, LOWER(ROUTINE_TYPE) FROM information_schema.ROUTINES"
                + " WHERE ROUTINE_SCHEMA" + system + " UNION ALL SELECT EVENT_SCHEMA = DATABASE(), EVENT_SCHEMA, EVENT_NAME, 'event'"
                + " FROM information_schema.EVENTS WHERE EVENT_SCHEMA" + system + " ORDER BY 2, 4, 3", List.of(), rs -> {
            String schema = rs.getBoolean(1) ? "public" : rs.getString(2);
            if (f.includesSchema(schema)) out.add(new dev.retort.schema.Unrepresented(schema, rs.getString(3), rs.getString(4), null, null));
        });
        return out;
    }

    /** A view's text without its own database's qualifier: {@code `app`.`account`.`id`} reads {@code `account`.`id`}. */
    static String withoutOwnDatabase(String sql, String database) {
        return sql.replace("`" + database.replace("`", "``") + "`.", "");
    }

    /** COLUMN_TYPE without integer display widths, which say nothing about the values: bigint(20) is bigint. */
    static String type(String columnType) {
        String t = columnType.toLowerCase(Locale.ROOT).trim();
        if (t.startsWith("enum(") || t.startsWith("set(")) return columnType.trim().replaceFirst("(?i)^enum", "enum").replaceFirst("(?i)^set", "set");
        if (t.matches("tinyint\\(1\\)")) return t;
        t = t.replaceAll("^(bigint|int|smallint|mediumint|tinyint)\\(\\d+\\)", "$1");
        if (t.equals("datetime") || t.equals("timestamp") || t.equals("time")) t = t + "(0)";
        return t;
    }

    private static String blankToNull(String s) { return s == null || s.isEmpty() ? null : s; }

    private static final Pattern ON_UPDATE = Pattern.compile("on update (current_timestamp(?:\\(\\d*\\))?)");

    /** The ON UPDATE value in EXTRA ("on update current_timestamp(6)", MySQL 8: "DEFAULT_GENERATED on update ..."), lower-cased. */
    static String onUpdate(String extra) {
        Matcher m = ON_UPDATE.matcher(extra);
        return m.find() ? m.group(1) : null;
    }

    /** MySQL 8's literal default as written in SQL: numbers and bit values as they are, anything else quoted. */
    String mysqlLiteral(String def) {
        if (def.matches("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?|b'[01]*'|0x[0-9a-fA-F]+")) return def;
        return dialect.literal(def);
    }

    /** MySQL 8's expression text with its string literals plain: {@code _utf8mb4\'x\'} becomes {@code 'x'}. */
    static String mysqlExpression(String expr) {
        Matcher m = INTRODUCED.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String text = m.group(1).replace("\\'", "'").replace("'", "''");
            m.appendReplacement(out, Matcher.quoteReplacement("'" + text + "'"));
        }
        m.appendTail(out);
        return out.toString();
    }
}
