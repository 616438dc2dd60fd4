package dev.retort.conformance;

import org.junit.jupiter.api.Tag;
import dev.retort.compare.Compare;
import dev.retort.compare.CompareOptions;
import dev.retort.conformance.SqldefConformanceTest.Case;
import dev.retort.conformance.SqldefConformanceTest.Outcome;
import dev.retort.conformance.SqldefConformanceTest.Result;
import dev.retort.dialect.Filter;
import dev.retort.dialect.sqlite.SqliteDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static dev.retort.conformance.SqldefConformanceTest.firstLine;
import static dev.retort.conformance.SqldefConformanceTest.rate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The round trip over sqldef's SQLite cases (tiers A and B), both directions: fixtures loaded by the sqlite3 shell into
 * files A and B, Retort's diff of A to B rendered (move and copy included) and applied; a direction passes when a second
 * diff is empty and SQLite's own PRAGMAs (table_xinfo, index_list and index_xinfo, foreign_key_list) describe A and B
 * the same, column order aside. Writes target/sqldef-sqlite.md.
 */
@Tag("database")
class SqliteConformanceTest {
    /** At what is measured (79 of 82, 8 of 10), so a regression fails the build. */
    static final double TIER_A_TARGET = 0.963, TIER_B_TARGET = 0.80;
    final Compare compare = new Compare(new SqliteDialect(), new CompareOptions(true, true));

    @TempDir Path tmp;

    @Test
    void roundTripOverSqldefSqliteCases() throws Exception {
        List<Case> cases = SqldefConformanceTest.cases(SqldefConformanceTest.corpus(), "sqlite", "cmd/sqlite3def/", f -> true);
        assertThat(cases).hasSizeGreaterThan(40);
        List<Result> results = new ArrayList<>();
        int n = 0;
        for (Case c : cases) {
            results.add(roundTrip(c, "current→desired", c.current(), c.desired(), n++));
            results.add(roundTrip(c, "desired→current", c.desired(), c.current(), n++));
        }
        Map<String, int[]> tiers = new TreeMap<>();
        for (Result r : results) tiers.computeIfAbsent(r.c().tier(), t -> new int[3])[r.outcome().ordinal()]++;
        String report = SqldefConformanceTest.report("SQLite", results, tiers);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/sqldef-sqlite.md"), report);
        System.out.println(report.lines().limit(12).reduce("", (x, y) -> x + y + "\n"));
        assertThat(rate(tiers.get("A"))).as("tier A pass rate").isGreaterThanOrEqualTo(TIER_A_TARGET);
        assertThat(rate(tiers.get("B"))).as("tier B pass rate").isGreaterThanOrEqualTo(TIER_B_TARGET);
    }

    Result roundTrip(Case c, String direction, String from, String to, int n) throws Exception {
        Path a = tmp.resolve("a" + n + ".db"), b = tmp.resolve("b" + n + ".db");
        String loadError = load(a, from);
        if (loadError == null) loadError = load(b, to);
        if (loadError != null) return new Result(c, direction, Outcome.SKIP, "fixture does not load on SQLite " + version() + ": " + loadError);
        try (Connection ca = DriverManager.getConnection("jdbc:sqlite:" + a); Connection cb = DriverManager.getConnection("jdbc:sqlite:" + b)) {
            return SqldefConformanceTest.judge(c, direction, new SqliteDialect(a.toString()), compare, ca, cb, Filter.schemas(List.of("public")), false,
                    "PRAGMAs", () -> describe(ca), () -> describe(cb));
        }
    }

    /** SQLite's own account of every table: columns, indexes (by columns, not name, for unique constraints) and foreign keys. */
    static List<String> describe(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
            while (rs.next()) tables.add(rs.getString(1));
        }
        for (String t : tables) {
            String q = "'" + t.replace("'", "''") + "'";
            rows(c, "SELECT name, lower(type), \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo(" + q + ")", "column " + t, out);
            rows(c, "SELECT l.\"unique\", l.origin, l.partial, (SELECT group_concat(coalesce(x.name, '?') || ':' || x.\"desc\") FROM pragma_index_xinfo(l.name) x"
                    + " WHERE x.key = 1) FROM pragma_index_list(" + q + ") l", "index " + t, out);
            rows(c, "SELECT \"table\", \"from\", \"to\", on_update, on_delete, \"match\", seq FROM pragma_foreign_key_list(" + q + ")", "fk " + t, out);
        }
        return out.stream().sorted().toList();
    }

    private static void rows(Connection c, String sql, String prefix, List<String> out) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder(prefix);
                for (int i = 1; i <= n; i++) b.append(" | ").append(rs.getString(i));
                out.add(b.toString());
            }
        }
    }

    /** Loads a fixture with the sqlite3 shell (which runs every statement, triggers included); the error, or null. */
    static String load(Path db, String sql) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sqlite3", "-bail", db.toString()).redirectErrorStream(true).start();
        p.getOutputStream().write(sql.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return p.waitFor() == 0 ? null : firstLine(output);
    }

    static String version() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT sqlite_version()")) {
            rs.next();
            return rs.getString(1).toLowerCase(Locale.ROOT);
        }
    }
}
