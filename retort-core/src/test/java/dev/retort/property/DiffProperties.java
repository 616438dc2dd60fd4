package dev.retort.property;

import dev.retort.compare.Compare;
import dev.retort.compare.CompareOptions;
import dev.retort.dialect.Filter;
import dev.retort.dialect.Dialect;
import dev.retort.model.Metadata;
import dev.retort.ops.Operation;
import dev.retort.schema.Catalog;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Provide;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random pairs of schemas on one database: create A and fill it with rows, diff A to B, apply; then a second diff is
 * empty and every value in a column that survives is unchanged. The changes between A and B stay within what keeps
 * data valid: widening types, new NOT NULL columns with defaults, nullability, defaults, indexes, comments, tables;
 * where the database has them ({@link #objects()}), views over the tables (and over those views) and functions that
 * read them, which change, go, come, and must be remade when a column they read changes type.
 * Subclasses give the database and the number of pairs.
 */
abstract class DiffProperties {
    static final String[] TYPES = {"integer", "bigint", "varchar(20)", "varchar(50)", "text", "boolean", "numeric(10,2)", "timestamptz", "date", "jsonb"};

    /** A column as the generator sees it. */
    record Col(String name, String type, boolean notNull, String defaultExpr, String comment) {}

    record Pair(Map<String, List<Col>> from, Map<String, List<Col>> to, Map<String, List<String>> fromIdx, Map<String, List<String>> toIdx,
                Map<String, String> fromViews, Map<String, String> toViews, Map<String, String> fromFunctions, Map<String, String> toFunctions, long seed) {
        @Override public String toString() { return "seed " + seed + ": " + from + " -> " + to + ", views " + fromViews + " -> " + toViews; }
    }

    /** Whether the database gets views and functions too. */
    boolean objects() { return false; }

    /** The dialect under test. */
    abstract Dialect dialect();

    /** Two empty databases of the test's own, A and B. */
    abstract Connection connectA() throws SQLException;

    abstract Connection connectB() throws SQLException;

    /** Empties a database's public schema. */
    abstract void reset(Connection c) throws SQLException;

    /** A literal for a value of the generator's type, in the database's spelling. */
    String valueFor(String type, int i) {
        return switch (type) {
            case "integer", "bigint" -> String.valueOf(i * 7);
            case "varchar(20)", "varchar(50)", "text" -> "'v" + i + "''s'";
            case "boolean" -> i % 2 == 0 ? "true" : "false";
            case "numeric(10,2)" -> i + ".25";
            case "timestamptz" -> "'2024-01-0" + i + " 10:00:00+00'";
            case "date" -> "'2024-02-0" + i + "'";
            default -> "'{\"k\": " + i + "}'";
        };
    }

    @Provide
    Arbitrary<Pair> pairs() {
        return Arbitraries.longs().map(DiffProperties::generate);
    }

    static Pair generate(long seed) {
        Random r = new Random(seed);
        Map<String, List<Col>> from = new LinkedHashMap<>();
        Map<String, List<String>> fromIdx = new LinkedHashMap<>();
        for (int t = 1; t <= 4; t++) {
            if (r.nextInt(4) == 0) continue;
            List<Col> cols = new ArrayList<>();
            for (int c = 1; c <= 6; c++) if (r.nextBoolean()) cols.add(randomCol("c" + c, r, false));
            from.put("t" + t, cols);
            fromIdx.put("t" + t, randomIndexes(cols, r));
        }
        Map<String, List<Col>> to = new LinkedHashMap<>();
        Map<String, List<String>> toIdx = new LinkedHashMap<>();
        for (int t = 1; t <= 5; t++) {
            String name = "t" + t;
            List<Col> old = from.get(name);
            if (old != null && r.nextInt(6) == 0) continue; // dropped
            if (old == null && r.nextInt(3) != 0) continue;
            List<Col> cols = new ArrayList<>();
            if (old == null) {
                for (int c = 1; c <= 6; c++) if (r.nextBoolean()) cols.add(randomCol("c" + c, r, false));
            } else {
                for (int c = 1; c <= 7; c++) {
                    String cn = "c" + c;
                    Col existing = old.stream().filter(x -> x.name().equals(cn)).findFirst().orElse(null);
                    if (existing == null) {
                        if (r.nextInt(4) == 0) cols.add(randomCol(cn, r, true));
                    } else if (r.nextInt(6) != 0) {
                        cols.add(mutate(existing, r));
                    }
                }
            }
            to.put(name, cols);
            toIdx.put(name, randomIndexes(cols, r));
        }
        Map<String, String> fromViews = new LinkedHashMap<>(), toViews = new LinkedHashMap<>();
        Map<String, String> fromFunctions = new LinkedHashMap<>(), toFunctions = new LinkedHashMap<>();
        randomObjects(from, r, fromViews, fromFunctions);
        randomObjects(to, r, toViews, toFunctions);
        return new Pair(from, to, fromIdx, toIdx, fromViews, toViews, fromFunctions, toFunctions, seed);
    }

    /**
     * Views over about half the tables (a few columns, a filter), some with a view over them, and SQL functions that
     * count a table's rows, returning bigint or integer: the same seed gives each side its own.
     */
    static void randomObjects(Map<String, List<Col>> tables, Random r, Map<String, String> views, Map<String, String> functions) {
        for (var e : tables.entrySet()) {
            String t = e.getKey();
            if (r.nextBoolean()) {
                List<String> cols = new ArrayList<>(List.of("id"));
                for (Col c : e.getValue()) if (r.nextBoolean()) cols.add("\"" + c.name() + "\"");
                views.put("v_" + t, "select " + String.join(", ", cols) + " from public." + t + " where id > " + r.nextInt(3));
                if (r.nextInt(3) == 0) views.put("w_" + t, "select count(*) as n from public.v_" + t);
            }
            if (r.nextInt(3) == 0) {
                boolean narrow = r.nextBoolean();
                functions.put("f_" + t + "(integer)", "CREATE FUNCTION f_" + t + "(n integer) RETURNS " + (narrow ? "integer" : "bigint")
                        + " LANGUAGE sql AS $$ select count(*)" + (narrow ? "::integer" : "") + " from public." + t + " where id > n + " + r.nextInt(2) + " $$");
            }
        }
    }

    static Col randomCol(String name, Random r, boolean addedToExistingTable) {
        String type = TYPES[r.nextInt(TYPES.length)];
        boolean notNull = r.nextBoolean();
        String def = r.nextInt(3) == 0 || (addedToExistingTable && notNull) ? defaultFor(type, r) : null;
        return new Col(name, type, notNull, def, r.nextInt(5) == 0 ? "comment of " + name + " it's" : null);
    }

    static Col mutate(Col c, Random r) {
        String type = c.type();
        if (r.nextInt(3) == 0) {
            type = switch (type) {
                case "integer" -> "bigint";
                case "varchar(20)" -> r.nextBoolean() ? "varchar(50)" : "text";
                case "varchar(50)" -> "text";
                default -> type;
            };
        }
        boolean typeChanged = !type.equals(c.type());
        boolean notNull = r.nextInt(4) == 0 ? !c.notNull() : c.notNull();
        String def = r.nextInt(4) == 0 ? (r.nextBoolean() ? null : defaultFor(type, r)) : typeChanged && c.defaultExpr() != null ? defaultFor(type, r) : c.defaultExpr();
        String comment = r.nextInt(5) == 0 ? (c.comment() == null ? "now commented" : null) : c.comment();
        return new Col(c.name(), type, notNull, def, comment);
    }

    static String defaultFor(String type, Random r) {
        return switch (type) {
            case "integer", "bigint" -> String.valueOf(r.nextInt(100));
            case "varchar(20)", "varchar(50)", "text" -> "'d" + r.nextInt(9) + "'";
            case "boolean" -> r.nextBoolean() ? "true" : "false";
            case "numeric(10,2)" -> "1.5";
            case "timestamptz" -> "now()";
            case "date" -> "CURRENT_DATE";
            default -> "'{}'::jsonb";
        };
    }

    static List<String> randomIndexes(List<Col> cols, Random r) {
        List<String> idx = new ArrayList<>();
        for (Col c : cols) if (!c.type().equals("jsonb") && r.nextInt(4) == 0) idx.add(c.name());
        return idx;
    }

    Catalog catalog(Map<String, List<Col>> tables, Map<String, List<String>> indexes, Map<String, String> views, Map<String, String> functions) {
        Metadata m = new Metadata();
        m.schema("public");
        tables.forEach((name, cols) -> m.table("public", name, t -> {
            t.column("id", "bigint").primaryKey();
            for (Col c : cols) {
                var cb = t.column(c.name(), c.type()).nullable(!c.notNull());
                if (c.defaultExpr() != null) cb.defaultValue(c.defaultExpr());
                if (c.comment() != null) cb.comment(c.comment());
            }
            for (String i : indexes.getOrDefault(name, List.of())) t.index(i);
        }));
        if (objects()) {
            views.forEach((name, select) -> m.view("public", name, select));
            functions.forEach((signature, sql) -> m.function("public", signature, sql));
        }
        return dialect().normalize(m.toCatalog());
    }

    void apply(Connection c, List<Operation> ops) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (Operation op : ops) for (String sql : dialect().render(op)) s.execute(sql);
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    static Map<String, List<String>> values(Connection c, Map<String, List<String>> columnsByTable) throws SQLException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (Statement s = c.createStatement()) {
            for (var e : columnsByTable.entrySet()) {
                for (String col : e.getValue()) {
                    List<String> vals = new ArrayList<>();
                    try (ResultSet rs = s.executeQuery("SELECT CAST(\"" + col + "\" AS varchar) FROM public.\"" + e.getKey() + "\" ORDER BY id")) {
                        while (rs.next()) vals.add(rs.getString(1));
                    }
                    out.put(e.getKey() + "." + col, vals);
                }
            }
        }
        return out;
    }

    /** The property, for one pair. */
    void check(Pair pair) throws Exception {
        net.jqwik.api.statistics.Statistics.label("diff").coverage(cov -> cov.check("changes").percentage(pct -> pct >= 80.0));
        Filter all = Filter.schemas(List.of("public"));
        Dialect d = dialect();
        Compare compare = new Compare(d, new CompareOptions(true, true));
        try (Connection ca = connectA(); Connection cb = connectB()) {
            reset(ca);
            reset(cb);
            apply(ca, compare.compare(d.inspect(ca, all), catalog(pair.from(), pair.fromIdx(), pair.fromViews(), pair.fromFunctions())));
            apply(cb, compare.compare(d.inspect(cb, all), catalog(pair.to(), pair.toIdx(), pair.toViews(), pair.toFunctions())));
            try (Statement s = ca.createStatement()) {
                for (var e : pair.from().entrySet()) {
                    for (int i = 1; i <= 3; i++) {
                        StringBuilder cols = new StringBuilder("id"), vals = new StringBuilder(String.valueOf(i));
                        for (Col c : e.getValue()) {
                            cols.append(", \"").append(c.name()).append('"');
                            vals.append(", ").append(valueFor(c.type(), i));
                        }
                        s.execute("INSERT INTO public.\"" + e.getKey() + "\" (" + cols + ") VALUES (" + vals + ")");
                    }
                }
            }
            Map<String, List<String>> surviving = new LinkedHashMap<>();
            for (var e : pair.from().entrySet()) {
                List<Col> target = pair.to().get(e.getKey());
                if (target == null) continue;
                List<String> cols = new ArrayList<>(List.of("id"));
                for (Col c : e.getValue()) if (target.stream().anyMatch(t -> t.name().equals(c.name()))) cols.add(c.name());
                surviving.put(e.getKey(), cols);
            }
            Map<String, List<String>> before = values(ca, surviving);

            List<Operation> diff = compare.compare(d.inspect(ca, all), d.inspect(cb, all));
            net.jqwik.api.statistics.Statistics.label("diff").collect(diff.isEmpty() ? "empty" : "changes");
            net.jqwik.api.statistics.Statistics.label("operations").collect(diff.size() < 5 ? "1-4" : diff.size() < 15 ? "5-14" : "15+");
            if (objects()) {
                // how often the pairs make, drop, replace and remake views and functions (a view dropped and made again)
                java.util.Set<String> dropped = new java.util.HashSet<>(), made = new java.util.HashSet<>();
                boolean replaced = false;
                for (Operation o : diff) {
                    if (o instanceof Operation.DropObject x) dropped.add(x.object().key());
                    if (o instanceof Operation.CreateObject x) made.add(x.object().key());
                    if (o instanceof Operation.ReplaceObject) replaced = true;
                }
                boolean remade = dropped.stream().anyMatch(made::contains);
                net.jqwik.api.statistics.Statistics.label("objects").collect(remade ? "remade" : replaced ? "replaced" : dropped.isEmpty() && made.isEmpty() ? "none" : "made or dropped");
                net.jqwik.api.statistics.Statistics.label("objects").coverage(cov -> {
                    cov.check("remade").percentage(pct -> pct >= 10.0);
                    cov.check("replaced").percentage(pct -> pct >= 5.0);
                });
            }
            apply(ca, diff);

            assertThat(compare.compare(d.inspect(ca, all), d.inspect(cb, all))).as("second diff, " + pair).isEmpty();
            assertThat(values(ca, surviving)).as("surviving values, " + pair).isEqualTo(before);
        }
    }

}
