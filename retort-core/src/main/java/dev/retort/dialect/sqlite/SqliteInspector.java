package dev.retort.dialect.sqlite;

import static dev.retort.dialect.CatalogQuery.query;

import java.util.Locale;
import java.util.Objects;
import dev.retort.dialect.Filter;
import dev.retort.dialect.TableParts;
import dev.retort.portable.Names;
import dev.retort.schema.Catalog;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.PrimaryKey;
import dev.retort.schema.Schema;
import dev.retort.schema.SchemaObject;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads SQLite's catalog through its PRAGMAs, and what they do not keep (constraint names, check bodies,
 * AUTOINCREMENT) from the CREATE TABLE text. Unnamed constraints get PostgreSQL's default names, as declared ones do.
 */
final class SqliteInspector {
    private final SqliteDialect dialect;

    SqliteInspector(SqliteDialect dialect) { this.dialect = dialect; }

    Catalog inspect(Connection c, Filter filter) throws SQLException {
        Map<String, String> databases = new LinkedHashMap<>(); // schema name -> database name in SQL
        query(c, "PRAGMA database_list", rs -> {
            String db = rs.getString(2);
            if (db.equals("temp")) return;
            String schema = db.equals("main") ? "public" : db;
            if (filter.includesSchema(schema)) databases.put(schema, db);
        });
        Map<String, Schema> out = new LinkedHashMap<>();
        for (var e : databases.entrySet()) {
            String schema = e.getKey(), db = dialect.quote(e.getValue());
            Map<String, String> sqlOf = new TreeMap<>();
            Map<String, String> indexSql = new HashMap<>();
            Map<String, SchemaObject> objects = new HashMap<>();
            query(c, "SELECT type, name, sql, tbl_name FROM " + db + ".sqlite_master WHERE type IN ('table', 'index', 'view', 'trigger')"
                         + " AND name NOT LIKE 'sqlite_%' ORDER BY name", rs -> {
                if (rs.getString(1).equals("trigger")) {
                    if (filter.includesTable(schema, rs.getString(4))) {
                        SchemaObject t = SchemaObject.of(SchemaObject.Kind.TRIGGER, schema, rs.getString(2), rs.getString(4), rs.getString(3));
                        objects.put(t.key(), t);
                    }
                } else if (rs.getString(1).equals("table")) {
                    if (filter.includesTable(schema, rs.getString(2))) sqlOf.put(rs.getString(2), rs.getString(3));
                } else if (rs.getString(1).equals("view")) {
                    if (filter.includesTable(schema, rs.getString(2))) {
                        SchemaObject v = SchemaObject.of(SchemaObject.Kind.VIEW, schema, rs.getString(2), null, viewQuery(rs.getString(3)));
                        objects.put(v.key(), v);
                    }
                } else if (rs.getString(3) != null) {
                    indexSql.put(rs.getString(2), rs.getString(3));
                }
            });
            Map<String, Table> tables = new HashMap<>();
            for (var t : sqlOf.entrySet()) tables.put(t.getKey(), table(c, db, schema, t.getKey(), t.getValue(), indexSql));
            out.put(schema, new Schema(schema, tables, Map.of(), Map.of(), Map.of(), objects));
        }
        return new Catalog(out, true);
    }

    /**
     * A view's query from the statement SQLite keeps for it, which is the one that made it (with the schema left out of
     * the view's name): what follows {@code AS}.
     */
    static String viewQuery(String createView) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?is)^\\s*CREATE\\s+(?:TEMP\\w*\\s+)?VIEW\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?"
                + "(?:\"(?:[^\"]|\"\")*\"|`[^`]*`|\\[[^\\]]*]|[^\\s(]+)\\s*(?:\\([^)]*\\)\\s*)?AS\\s+(.*)$").matcher(createView);
        return m.matches() ? m.group(1).strip() : createView;
    }

    private Table table(Connection c, String db, String schema, String name, String sql, Map<String, String> indexSql) throws SQLException {
        TableSql parsed = TableSql.parse(sql);
        TableParts t = new TableParts(schema, name, null);
        String q = dialect.quote(name);
        Map<Integer, String> pkColumns = new TreeMap<>();
        query(c, "PRAGMA " + db + ".table_xinfo(" + q + ")", rs -> {
            int hidden = rs.getInt(7);
            if (hidden == 1) return; // a virtual table's hidden column
            String col = rs.getString(2);
            if (rs.getInt(6) > 0) pkColumns.put(rs.getInt(6), col);
            String generated = hidden == 2 || hidden == 3 ? parsed.generated.get(col) : null; // 2 virtual, 3 stored
            t.columns.add(new Column(col, dialect.normalizeType(rs.getString(3) == null ? "" : rs.getString(3)), rs.getInt(4) == 0,
                    rs.getString(5), null, generated, null, null));
        });
        if (!pkColumns.isEmpty()) {
            List<String> cols = new ArrayList<>(pkColumns.values());
            t.pk = new PrimaryKey(parsed.primaryKeyName != null ? parsed.primaryKeyName : Names.primaryKey(name), cols);
            if (cols.size() == 1 && parsed.autoincrement) {
                t.columns.replaceAll(col -> col.name().equals(cols.get(0))
                        ? new Column(col.name(), col.type(), col.nullable(), null, new Column.Identity(false, null, null), null, null, null) : col);
            }
        }
        Map<Integer, List<String[]>> fkRows = new TreeMap<>();
        query(c, "PRAGMA " + db + ".foreign_key_list(" + q + ")", rs -> {
            fkRows.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>())
                    .add(new String[] {rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)});
        });
        for (List<String[]> rows : fkRows.values()) {
            List<String> cols = rows.stream().map(r -> r[1]).toList();
            String refTable = rows.get(0)[0];
            List<String> refCols = rows.stream().map(r -> r[2]).toList();
            if (refCols.stream().anyMatch(Objects::isNull)) { // REFERENCES t without columns: its primary key
                refCols = primaryKeyOf(c, db, refTable);
            }
            String fkName = parsed.foreignKeyNames.getOrDefault(cols, Names.foreignKey(name, cols));
            boolean deferred = sql != null && sql.toUpperCase(Locale.ROOT).contains("DEFERRABLE INITIALLY DEFERRED");
            t.fks.put(fkName, new ForeignKey(fkName, cols, schema, refTable, refCols, SqliteDialect.action(rows.get(0)[4]),
                    SqliteDialect.action(rows.get(0)[3]), deferred, deferred, false));
        }
        List<String[]> indexes = new ArrayList<>();
        query(c, "PRAGMA " + db + ".index_list(" + q + ")", rs -> { indexes.add(new String[] {rs.getString(2), rs.getString(3), rs.getString(4)}); });
        for (String[] ix : indexes) {
            List<String> keys = new ArrayList<>();
            List<String> cols = new ArrayList<>();
            query(c, "PRAGMA " + db + ".index_xinfo(" + dialect.quote(ix[0]) + ")", rs -> {
                if (rs.getInt(6) == 0) return; // not a key column
                String col = rs.getString(3);
                cols.add(col);
                keys.add((col == null ? "(expression)" : col.matches("[a-z_][a-z0-9_$]*") ? col : dialect.quote(col)) + (rs.getInt(4) == 1 ? " DESC" : ""));
            });
            switch (ix[2]) {
                case "u" -> {
                    String n = parsed.uniqueNames.getOrDefault(cols, Names.unique(name, cols));
                    t.uniques.put(n, new UniqueConstraint(n, cols, false, false, false));
                }
                case "c" -> {
                    String where = predicate(indexSql.get(ix[0]));
                    t.indexes.put(ix[0], new Index(ix[0], keys, "1".equals(ix[1]), where, null, List.of(), false, null));
                }
                default -> { }
            }
        }
        for (String[] k : parsed.checks) t.checks.add(new CheckConstraint(k[0] != null ? k[0] : Names.check(name, null), k[1]));
        return t.build();
    }

    private List<String> primaryKeyOf(Connection c, String db, String table) throws SQLException {
        Map<Integer, String> cols = new TreeMap<>();
        query(c, "PRAGMA " + db + ".table_info(" + dialect.quote(table) + ")", rs -> { if (rs.getInt(6) > 0) cols.put(rs.getInt(6), rs.getString(2)); });
        return new ArrayList<>(cols.values());
    }

    /** The WHERE of a partial index's CREATE INDEX text, or null. */
    static String predicate(String createIndex) {
        if (createIndex == null) return null;
        int close = TableSql.matching(createIndex, createIndex.indexOf('('));
        if (close < 0) return null;
        String rest = createIndex.substring(close + 1).strip();
        return rest.regionMatches(true, 0, "WHERE", 0, 5) ? rest.substring(5).strip() : null;
    }
}
