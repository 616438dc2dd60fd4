package dev.retort.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SQLite's move and copy, for each kind of change SQLite cannot make in place: a table of 10,000 rows with two
 * indexes, a trigger, a foreign key out (to parent) and one in (from item_tag) is changed by a revision; the rows (count
 * and a checksum of their content), the indexes, the trigger (which still fires) and both foreign keys survive, and
 * PRAGMA foreign_key_check is clean. The offline script, run by the sqlite3 shell on a new file, gives the same.
 */
@Tag("database")
class SqliteBatchTest {
    @TempDir Path tmp;

    static final String BASE = """
            import dev.retort.api.*;

            @Revision(id = "b0000000base", message = "tables, rows and a trigger")
            class Rb0000000base implements Migration {
                public void upgrade(Operations op) {
                    op.createTable("public", "parent", t -> { t.column("id", "bigint").primaryKey(); t.column("name", "text").notNull(); });
                    op.createTable("public", "item", t -> {
                        t.column("id", "bigint").primaryKey();
                        t.column("parent_id", "bigint").notNull().references("public", "parent", "id");
                        t.column("label", "varchar(40)").notNull();
                        t.column("qty", "integer").notNull().defaultValue("0");
                        t.column("note", "text");
                        t.unique("parent_id", "label").name("item_parent_label_key");
                        t.check("qty >= 0").name("item_qty_nonneg");
                        t.index("label");
                        t.index("parent_id", "qty");
                    });
                    op.createTable("public", "item_tag", t -> {
                        t.column("id", "bigint").primaryKey();
                        t.column("item_id", "bigint").notNull().references("public", "item", "id");
                    });
                    op.createTable("public", "audit", t -> { t.column("id", "bigint").identity().primaryKey(); t.column("item_id", "bigint"); });
                    op.execute("CREATE INDEX item_note_idx ON item (note) WHERE note IS NOT NULL");
                    op.execute("CREATE VIEW item_labels AS SELECT i.id, i.label, t.id AS tag FROM item i LEFT JOIN item_tag t ON t.item_id = i.id");
                    op.execute("CREATE TRIGGER \\"item_audit\\" AFTER UPDATE ON \\"item\\" BEGIN INSERT INTO audit (item_id) VALUES (NEW.id); END");
                    op.execute("INSERT INTO parent (id, name) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)"
                            + " SELECT i, 'p' || i FROM n");
                    op.execute("INSERT INTO item (id, parent_id, label, qty, note) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
                            + " WHERE i < 10000) SELECT i, i % 100 + 1, 'label ' || i, i % 7, CASE WHEN i % 3 = 0 THEN NULL ELSE 'note ' || i END FROM n");
                    op.execute("INSERT INTO item_tag (id, item_id) SELECT id, id FROM item WHERE id % 10 = 0");
                }
                public void downgrade(Operations op) { }
            }
            """;

    static Stream<Arguments> changes() {
        return Stream.of(
                Arguments.of("type", "op.alterColumn(\"public\", \"item\", \"label\").existingType(\"varchar(40)\").type(\"varchar(80)\");", 1),
                Arguments.of("nullability", "op.alterColumn(\"public\", \"item\", \"label\").nullable(true);", 1),
                Arguments.of("default", "op.alterColumn(\"public\", \"item\", \"qty\").setDefault(\"1\");", 1),
                Arguments.of("drop an indexed column", "op.dropColumn(\"public\", \"item\", \"qty\");", 1),
                Arguments.of("add a check", "op.createCheckConstraint(\"public\", \"item\", \"item_qty_check\", \"qty >= 0\");", 1),
                Arguments.of("add a unique constraint", "op.createUniqueConstraint(\"public\", \"item\", \"item_label_key\", \"label\");", 1),
                Arguments.of("drop a check", "op.dropConstraint(\"public\", \"item\", \"item_qty_nonneg\");", 1),
                Arguments.of("drop a unique constraint", "op.dropConstraint(\"public\", \"item\", \"item_parent_label_key\");", 1),
                Arguments.of("rename a column a check uses, then retype it", "op.batch(\"public\", \"item\", b -> {\n"
                        + "  b.renameColumn(\"public\", \"item\", \"qty\", \"amount\");\n"
                        + "  b.alterColumn(\"public\", \"item\", \"amount\").type(\"bigint\");\n"
                        + "});", 1),
                Arguments.of("rename the referenced table, then retype a column", "op.renameTable(\"public\", \"parent\", \"owner\");\n"
                        + "op.alterColumn(\"public\", \"item\", \"label\").type(\"varchar(80)\");", 1),
                Arguments.of("rename the table, rebuild it and name it back", "op.renameTable(\"public\", \"item\", \"item_old\");\n"
                        + "op.alterColumn(\"public\", \"item_old\", \"label\").type(\"varchar(80)\");\n"
                        + "op.renameTable(\"public\", \"item_old\", \"item\");", 1),
                Arguments.of("drop the outgoing foreign key", "op.dropConstraint(\"public\", \"item\", \"item_parent_id_fkey\");", 1),
                Arguments.of("add a foreign key", "op.createForeignKey(\"public\", \"item_tag\", \"item_tag_id_fkey\", \"id\").references(\"public\", \"item\", \"id\");", 1),
                Arguments.of("several in one batch", "op.batch(\"public\", \"item\", b -> {\n"
                        + "  b.alterColumn(\"public\", \"item\", \"label\").type(\"varchar(80)\");\n"
                        + "  b.alterColumn(\"public\", \"item\", \"qty\").setDefault(\"2\");\n"
                        + "  b.addColumn(\"public\", \"item\", \"extra\", \"text\").notNull().defaultValue(\"'x'\");\n"
                        + "  b.renameColumn(\"public\", \"item\", \"note\", \"remark\");\n"
                        + "});", 1));
    }

    Project project(String change) { return project("project", "b0000000base", BASE, "c0000000change", change); }

    /** A project of two revisions: {@code base} (its source given) and {@code changeId} after it, whose upgrade is {@code change}. */
    Project project(String dir, String baseId, String base, String changeId, String change) {
        Project p = new Project(tmp.resolve(dir));
        p.write("retort.toml", "script_location = \"migrations\"\n");
        p.write("migrations/versions/" + baseId + ".java", base);
        p.write("migrations/versions/" + changeId + ".java", "import dev.retort.api.*;\n\n"
                + "@Revision(id = \"" + changeId + "\", parents = \"" + baseId + "\", message = \"the change\")\n"
                + "@Lint(ignore = {\"drop-column\", \"type-narrowing\", \"not-null-without-default\"}) // the rows are the point: they must survive the rebuild\n"
                + "class R" + changeId + " implements Migration {\n    public void upgrade(Operations op) {\n        " + change + "\n    }\n"
                + "    public void downgrade(Operations op) { }\n}\n");
        return p;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void moveAndCopyKeepsRowsIndexesTriggerAndForeignKeys(String name, String change, int rebuilds) throws Exception {
        Project p = project(change);
        Path online = tmp.resolve("online.db");
        p.env.put("DATABASE_URL", "sqlite:///" + online);
        Project.Result base = p.run("upgrade", "b0000000base");
        assertThat(base.exit()).as(base.toString()).isZero();
        List<String> before = checksum(online);
        assertThat(before.get(0)).isEqualTo("10000");

        Project.Result sql = p.run("upgrade", "b0000000base:head", "--sql");
        assertThat(sql.exit()).as(sql.toString()).isZero();
        assertThat(sql.out().split("CREATE TABLE \"_retort_new_", -1).length - 1).as(sql.out()).isEqualTo(rebuilds);

        Project.Result up = p.run("upgrade", "head");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertSurvived(online, before, name);

        // offline: the whole script from base, run by the sqlite3 shell on a new file
        Path offline = tmp.resolve("offline.db");
        runOffline(p, offline);
        assertSurvived(offline, before, name);
    }

    /** `diff --sql` between two SQLite files gathers a table's changes into one rebuild, and its script makes them equal. */
    @org.junit.jupiter.api.Test
    void diffBetweenTwoFilesRebuildsEachTableOnce() throws Exception {
        Path a = tmp.resolve("a.db"), b = tmp.resolve("b.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + a); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id integer PRIMARY KEY, name text NOT NULL, qty integer DEFAULT 0)");
            s.execute("CREATE INDEX ix_t_name ON t (name)");
            s.execute("INSERT INTO t (id, name) VALUES (1, 'one'), (2, 'two')");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + b); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id integer PRIMARY KEY, name varchar(50), qty integer DEFAULT 1, extra text)");
            s.execute("CREATE INDEX ix_t_name ON t (name)");
        }
        Project p = new Project(tmp.resolve("any"));
        Project.Result sql = p.run("diff", "--from", "sqlite:///" + a, "--to", "sqlite:///" + b, "--sql");
        assertThat(sql.exit()).as("they differ\n" + sql).isEqualTo(1);
        assertThat(sql.out().split("CREATE TABLE \"_retort_new_t\"", -1)).hasSize(2);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + a); Statement s = c.createStatement()) {
            for (String stmt : sql.out().split(";\n")) if (!stmt.isBlank()) s.execute(stmt);
        }
        Project.Result same = p.run("diff", "--from", "sqlite:///" + a, "--to", "sqlite:///" + b);
        assertThat(same.exit()).as(same.toString()).isZero();
        assertThat(same.out()).contains("No differences.");
        assertThat(column(a, "SELECT group_concat(id || name || qty, ',') FROM t")).containsExactly("1one0,2two0");
    }

    static final String LEGACY = """
            import dev.retort.api.*;

            @Revision(id = "l0000000base", message = "a table made by raw SQL")
            class Rl0000000base implements Migration {
                public void upgrade(Operations op) {
                    op.execute("CREATE TABLE legacy (id integer PRIMARY KEY, code varchar(10) NOT NULL, qty integer CHECK (qty >= 0))");
                    op.execute("CREATE INDEX legacy_code_idx ON legacy (code)");
                    op.execute("INSERT INTO legacy (id, code, qty) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)"
                            + " SELECT i, 'c' || i, i % 5 FROM n");
                }
                public void downgrade(Operations op) { }
            }
            """;

    Project legacy(String copyFrom) {
        return project("legacy", "l0000000base", LEGACY, "m0000000widen",
                "op.batch(\"public\", \"legacy\", b -> b.alterColumn(\"public\", \"legacy\", \"code\").type(\"varchar(40)\"))" + copyFrom + ";");
    }

    /** A table the history cannot describe (raw SQL made it) is rebuilt from the definition the revision gives, online and offline. */
    @org.junit.jupiter.api.Test
    void aTableMadeByRawSqlIsRebuiltFromTheDefinitionTheRevisionGives() throws Exception {
        Project p = legacy("\n            .copyFrom(t -> {\n"
                + "                t.column(\"id\", \"integer\").primaryKey();\n"
                + "                t.column(\"code\", \"varchar(10)\").notNull();\n"
                + "                t.column(\"qty\", \"integer\");\n"
                + "                t.check(\"qty >= 0\").name(\"legacy_qty_check\");\n"
                + "                t.index(\"code\").name(\"legacy_code_idx\");\n"
                + "            })");
        String rows = "SELECT count(*) || '/' || sum(id) || '/' || sum(length(code)) || '/' || sum(qty) FROM legacy";
        for (String mode : List.of("online", "offline")) {
            Path db = tmp.resolve(mode + ".db");
            if (mode.equals("online")) {
                p.env.put("DATABASE_URL", "sqlite:///" + db);
                Project.Result up = p.run("upgrade", "head");
                assertThat(up.exit()).as(up.toString()).isZero();
            } else {
                assertThat(runOffline(p, db)).contains("CREATE TABLE \"_retort_new_legacy\"");
            }
            assertThat(column(db, rows)).as(mode).containsExactly("1000/500500/3893/2000");
            assertThat(column(db, "SELECT type FROM pragma_table_info('legacy') WHERE name = 'code'")).as(mode).containsExactly("varchar(40)");
            assertThat(column(db, "SELECT name FROM pragma_index_list('legacy') WHERE origin = 'c'")).as(mode).containsExactly("legacy_code_idx");
            assertThat(column(db, "SELECT sql FROM sqlite_master WHERE name = 'legacy'").get(0)).as(mode).contains("CHECK (qty >= 0)");
        }
    }

    /**
     * A URL that turns foreign keys on (as apps' own JDBC URLs often do) does not reach the rebuild: with them on,
     * dropping the old table would delete, or fail on, the rows that reference it. Scripts turn them off up front.
     */
    @org.junit.jupiter.api.Test
    void aUrlWithForeignKeysOnStillRebuildsWithEveryRowKept() throws Exception {
        Project p = project("op.alterColumn(\"public\", \"item\", \"label\").type(\"varchar(80)\");");
        Path db = tmp.resolve("fk-on.db");
        p.env.put("DATABASE_URL", "jdbc:sqlite:" + db + "?foreign_keys=on");
        assertThat(p.run("upgrade", "b0000000base").exit()).isZero();
        List<String> before = checksum(db);
        String tags = column(db, "SELECT count(*) FROM item_tag").get(0);
        Project.Result up = p.run("upgrade", "head");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(checksum(db)).isEqualTo(before);
        assertThat(column(db, "SELECT count(*) FROM item_tag")).containsExactly(tags);
        assertThat(column(db, "SELECT type FROM pragma_table_info('item') WHERE name = 'label'")).containsExactly("varchar(80)");
        assertThat(p.run("upgrade", "head", "--sql").out()).startsWith("-- Retort upgrade base -> c0000000change for sqlite\n\nPRAGMA foreign_keys = OFF;\n");
    }

    /** AUTOINCREMENT never hands out an id twice, rebuilt or not: the rebuilt table keeps the old one's high-water mark. */
    @org.junit.jupiter.api.Test
    void anAutoincrementTableKeepsItsHighWaterMarkThroughARebuild() throws Exception {
        String base = """
                import dev.retort.api.*;

                @Revision(id = "t0000000base", message = "tickets")
                class Rt0000000base implements Migration {
                    public void upgrade(Operations op) {
                        op.createTable("public", "ticket", t -> { t.column("id", "bigint").identity().primaryKey(); t.column("label", "varchar(10)"); });
                        op.execute("INSERT INTO ticket (label) VALUES ('a'), ('b'), ('c')");
                        op.execute("DELETE FROM ticket WHERE id = 3");
                    }
                    public void downgrade(Operations op) { }
                }
                """;
        Project p = project("tickets", "t0000000base", base, "u0000000widen", "op.alterColumn(\"public\", \"ticket\", \"label\").type(\"varchar(20)\");");
        for (String mode : List.of("online", "offline")) {
            Path db = tmp.resolve("tickets-" + mode + ".db");
            if (mode.equals("online")) {
                p.env.put("DATABASE_URL", "sqlite:///" + db);
                Project.Result up = p.run("upgrade", "head");
                assertThat(up.exit()).as(up.toString()).isZero();
            } else {
                runOffline(p, db);
            }
            assertThat(column(db, "SELECT type FROM pragma_table_info('ticket') WHERE name = 'label'")).as(mode).containsExactly("varchar(20)");
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
                s.execute("INSERT INTO ticket (label) VALUES ('d')");
            }
            assertThat(column(db, "SELECT group_concat(id || label, ',') FROM ticket")).as(mode).containsExactly("1a,2b,4d");
        }
    }

    /** Without the definition, the rebuild stops before anything runs, naming the revision and what to add. */
    @org.junit.jupiter.api.Test
    void withoutTheDefinitionTheErrorSaysToGiveIt() throws Exception {
        Project p = legacy("");
        Path db = tmp.resolve("legacy.db");
        p.env.put("DATABASE_URL", "sqlite:///" + db);
        assertThat(p.run("upgrade", "l0000000base").exit()).isZero();
        String before = column(db, "SELECT group_concat(sql, ';') FROM sqlite_master").get(0);
        Project.Result up = p.run("upgrade", "head");
        assertThat(up.exit()).as(up.toString()).isEqualTo(2);
        assertThat(up.err().strip()).doesNotContain("\n").contains("m0000000widen").contains("public.legacy").contains(".copyFrom(t -> ...)");
        assertThat(column(db, "SELECT group_concat(sql, ';') FROM sqlite_master").get(0)).isEqualTo(before);
        assertThat(column(db, "SELECT version_num FROM retort_version")).containsExactly("l0000000base");
    }

    /** Writes the whole `upgrade head --sql` script and runs it with the sqlite3 shell on {@code db}; returns the script. */
    String runOffline(Project p, Path db) throws Exception {
        Project.Result script = p.run("upgrade", "head", "--sql");
        assertThat(script.exit()).as(script.toString()).isZero();
        Path file = tmp.resolve(db.getFileName() + ".sql");
        Files.writeString(file, script.out(), StandardCharsets.UTF_8);
        Process shell = new ProcessBuilder("sqlite3", "-bail", db.toString()).redirectInput(file.toFile()).redirectErrorStream(true).start();
        String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(shell.waitFor()).as(output).isZero();
        return script.out();
    }

    void assertSurvived(Path db, List<String> before, String name) throws SQLException {
        assertThat(checksum(db)).isEqualTo(before);
        List<String> indexes = column(db, "SELECT name FROM pragma_index_list('item') WHERE origin = 'c' ORDER BY name");
        assertThat(indexes).contains("item_label_idx", "item_note_idx"); // the second made by raw SQL
        assertThat(column(db, "SELECT sql FROM sqlite_master WHERE name = 'item_note_idx'").get(0))
                .endsWith(name.equals("several in one batch") ? "(remark) WHERE remark IS NOT NULL" : "(note) WHERE note IS NOT NULL");
        if (!name.equals("drop an indexed column")) assertThat(indexes).contains("item_parent_id_qty_idx");
        assertThat(column(db, "SELECT \"table\" FROM pragma_foreign_key_list('item_tag')")).contains("item");
        if (!name.equals("drop the outgoing foreign key")) assertThat(column(db, "SELECT \"table\" FROM pragma_foreign_key_list('item')"))
                .containsExactly(name.startsWith("rename the referenced table") ? "owner" : "parent");
        assertThat(column(db, "SELECT * FROM pragma_foreign_key_check")).isEmpty();
        String tableSql = column(db, "SELECT sql FROM sqlite_master WHERE name = 'item'").get(0);
        // dropping qty takes the check on it along, as PostgreSQL does
        if (!name.equals("drop a check") && !name.equals("drop an indexed column")) assertThat(tableSql).contains("\"item_qty_nonneg\" CHECK");
        else assertThat(tableSql).doesNotContain("item_qty_nonneg");
        if (name.startsWith("rename a column")) assertThat(tableSql).contains("CHECK (amount >= 0)").doesNotContain("(qty");
        List<String> uniques = column(db, "SELECT group_concat(i.name) FROM pragma_index_list('item') l, pragma_index_info(l.name) i"
                + " WHERE l.origin = 'u' GROUP BY l.name ORDER BY 1");
        if (!name.equals("drop a unique constraint")) assertThat(uniques).contains("parent_id,label");
        else assertThat(uniques).doesNotContain("parent_id,label");
        assertThat(column(db, "SELECT name FROM sqlite_master WHERE type = 'trigger'")).containsExactly("item_audit");
        assertThat(column(db, "SELECT count(*) || '/' || count(tag) FROM item_labels")).as("the view over the table").containsExactly("10000/1000");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("UPDATE item SET parent_id = parent_id WHERE id <= 5");
        }
        assertThat(column(db, "SELECT count(*) FROM audit")).containsExactly("5");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("DELETE FROM audit");
        }
    }

    /** Row count and sums over the columns every change keeps. */
    static List<String> checksum(Path db) throws SQLException {
        return column(db, "SELECT count(*) || '/' || sum(id) || '/' || sum(parent_id) || '/' || sum(length(label)) || '/' || sum(unicode(substr(label, 7)))"
                + " FROM item").stream().flatMap(x -> Stream.of(x.split("/"))).toList();
    }

    static List<String> column(Path db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) out.add(rs.getString(1));
            return out;
        }
    }
}
