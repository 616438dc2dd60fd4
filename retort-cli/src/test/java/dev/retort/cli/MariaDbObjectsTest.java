package dev.retort.cli;

import dev.retort.testing.MariaDb;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Views and triggers on MariaDB (issue 12's other databases): autogenerate writes them, the upgrade makes them in an
 * order the server takes, check compares them as the server spells them (the models' made in scratch databases, whose
 * names are mapped back), a column change under a view remakes it around the change, offline scripts put a trigger's
 * BEGIN ... END between DELIMITERs, and what Retort does not model on MySQL (a partitioned table, routines, events) is named.
 */
@Tag("database")
class MariaDbObjectsTest {
    @TempDir Path tmp;

    /** Scratch databases made in the last two minutes (by this suite: tests run one at a time). */
    static List<String> scratchDatabases() {
        try (MariaDb probe = MariaDb.create()) {
            return probe.query("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'retort\\_scratch\\_%'"
                    + " AND SCHEMA_NAME > CONCAT('retort_scratch_', UNIX_TIMESTAMP() - 120)").stream().map(r -> r.get(0)).toList();
        }
    }

    static final String MODEL = """
            m.table("public", "account", t -> {
                t.column("id", "bigint").primaryKey();
                t.column("email", "varchar(100)").notNull();
                t.column("runs", "integer").notNull().defaultValue("0");
                t.column("updated_at", "timestamptz");
                t.trigger("account_touch", "CREATE TRIGGER account_touch BEFORE UPDATE ON account FOR EACH ROW SET NEW.updated_at = now(6)");
            });
            m.table("OTHER", "run", t -> {
                t.column("id", "bigint").primaryKey();
                t.column("account_id", "bigint").notNull().references("public", "account", "id");
                t.trigger("run_counts", \"""
                    CREATE TRIGGER OTHER.run_counts AFTER INSERT ON OTHER.run FOR EACH ROW
                    BEGIN
                        -- one more run for its account; the body names the URL's database outright
                        UPDATE PUBLIC_DB.account SET runs = runs + 1 WHERE id = NEW.account_id;
                    END\""");
            });
            m.view("OTHER", "runs_per_account", "VIEW_SQL").securityInvoker();
            """;

    static final String VIEW = "select a.email, count(r.id) as n from PUBLIC_DB.account a join OTHER.run r on r.account_id = a.id group by a.email";

    @Test
    void viewsAndTriggersAcrossDatabasesAreMadeComparedRemadeAndDowngraded() {
        String other = "retort_o_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (MariaDb db = MariaDb.create()) {
            String first = MODEL.replace("VIEW_SQL", VIEW).replace("OTHER", other).replace("PUBLIC_DB", db.name());
            Project p = AutogenerateTest.project(tmp.resolve("p"), first);
            p.env.put("DATABASE_URL", db.url());
            Project.Result one = p.run("revision", "--autogenerate", "-m", "first");
            assertThat(one.exit()).as(one.toString()).isZero();
            String revision = p.newestRevision(List.of());
            assertThat(revision).containsSubsequence("op.createTable(\"" + other + "\", \"run\"", "op.createView(\"" + other + "\", \"runs_per_account\"")
                    .contains("op.createTrigger(\"public\", \"account\", \"account_touch\"").contains("op.createTrigger(\"" + other + "\", \"run\", \"run_counts\"")
                    .contains(".state(\"SQL SECURITY INVOKER\")");
            Project.Result up = p.run("upgrade", "head");
            assertThat(up.exit()).as(up.toString()).isZero();
            Project.Result check = p.run("check");
            assertThat(check.exit()).as(check.toString()).isZero();
            assertThat(check.out()).contains("No changes");

            // the triggers fire, the view reads across the two databases
            db.execute("INSERT INTO account (id, email) VALUES (1, 'a@x'), (2, 'b@x')");
            db.execute("INSERT INTO " + other + ".run (id, account_id) VALUES (1, 1), (2, 1)");
            db.execute("UPDATE account SET email = 'a@y' WHERE id = 1");
            assertThat(db.query("SELECT runs, updated_at IS NOT NULL FROM account ORDER BY id")).containsExactly(List.of("2", "1"), List.of("0", "0"));
            assertThat(db.query("SELECT email, n FROM " + other + ".runs_per_account")).containsExactly(List.of("a@y", "2"));

            // the same view spelled otherwise is no change: the server's spelling is compared
            AutogenerateTest.model(p, first.replace(VIEW.replace("OTHER", other).replace("PUBLIC_DB", db.name()),
                    "SELECT a.email, COUNT(r.id) AS n\\n FROM `" + db.name() + "`.account AS a\\n JOIN " + other + ".run AS r ON r.account_id = a.id GROUP BY a.email"));
            Project.Result respelled = p.run("check");
            assertThat(respelled.exit()).as(respelled.toString()).isZero();
            assertThat(db.query("SELECT SECURITY_TYPE FROM information_schema.VIEWS WHERE TABLE_NAME = 'runs_per_account'")).containsExactly(List.of("INVOKER"));
            // its characteristics are compared too
            AutogenerateTest.model(p, first.replace(".securityInvoker()", ""));
            Project.Result definer = p.run("check");
            assertThat(definer.exit()).as(definer.toString()).isEqualTo(1);
            assertThat(definer.out()).contains("create view " + other + ".runs_per_account");

            // a retyped column the view reads: the view goes before and comes back after
            List<Path> before = p.revisions();
            String second = first.replace("\"email\", \"varchar(100)\"", "\"email\", \"varchar(200)\"")
                    .replace("count(r.id) as n from", "count(r.id) as n, max(r.id) as last_run from");
            AutogenerateTest.model(p, second);
            Project.Result two = p.run("revision", "--autogenerate", "-m", "second");
            assertThat(two.exit()).as(two.toString()).isZero();
            String changed = p.newestRevision(before);
            assertThat(changed).containsSubsequence("op.dropView(\"" + other + "\", \"runs_per_account\")", "op.alterColumn(\"public\", \"account\", \"email\")",
                    "op.createView(\"" + other + "\", \"runs_per_account\"");
            Project.Result up2 = p.run("upgrade", "head");
            assertThat(up2.exit()).as(changed + up2).isZero();
            assertThat(p.run("check").exit()).isZero();
            assertThat(db.query("SELECT email, n, last_run FROM " + other + ".runs_per_account")).containsExactly(List.of("a@y", "2", "2"));

            // offline: the trigger with a body of several statements between DELIMITERs, so that the mysql client takes it
            Project.Result script = p.run("upgrade", "base:head", "--sql");
            assertThat(script.exit()).as(script.toString()).isZero();
            assertThat(script.out()).contains("DELIMITER //\nCREATE TRIGGER " + other + ".run_counts AFTER INSERT ON " + other + ".run FOR EACH ROW\nBEGIN")
                    .contains("END\n//\nDELIMITER ;");

            // back to the first models, then to nothing: the other database, view and all, is gone
            assertThat(p.run("downgrade", "-1").exit()).isZero();
            AutogenerateTest.model(p, first);
            assertThat(p.run("check").exit()).isZero();
            Project.Result base = p.run("downgrade", "base");
            assertThat(base.exit()).as(base.toString()).isZero();
            assertThat(db.query("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '" + other + "'")).containsExactly(List.of("0"));
            assertThat(db.query("SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()")).containsExactly(List.of("0"));
        } finally {
            MariaDb.admin("DROP DATABASE IF EXISTS " + other);
        }
        assertThat(scratchDatabases()).isEmpty();
    }

    @Test
    void aPartitionedTableRoutinesAndEventsAreNamedAndADiffThatWouldWriteTheTableWholeIsRefused() throws Exception {
        try (MariaDb db = MariaDb.create(); MariaDb empty = MariaDb.create()) {
            Project p = AutogenerateTest.project(tmp.resolve("p"), """
                    m.table("public", "event", t -> {
                        t.column("id", "integer").notNull();
                        t.column("at", "date").notNull();
                    });
                    """);
            p.env.put("DATABASE_URL", db.url());
            db.execute("CREATE TABLE event (id int NOT NULL, at date NOT NULL) PARTITION BY RANGE (year(at))"
                    + " (PARTITION p2026 VALUES LESS THAN (2027), PARTITION later VALUES LESS THAN MAXVALUE)");
            db.execute("CREATE PROCEDURE forget() DELETE FROM event WHERE at < '2026-01-01'");
            db.execute("CREATE EVENT nightly ON SCHEDULE EVERY 1 DAY DO CALL forget()");
            Path log = tmp.resolve("log");
            int exit = Processes.retort(p.dir, java.util.Map.of("DATABASE_URL", db.url()), log, "check").start().waitFor();
            assertThat(exit).as(Processes.read(log)).isZero();
            assertThat(Processes.read(log)).contains("WARN public.event: partitioned table (PARTITION BY RANGE (year(`at`)), 2 partitions): not compared")
                    .contains("WARN public.forget: procedure: not compared").contains("WARN public.nightly: event: not compared");
            Project.Result strict = p.run("check", "--strict");
            assertThat(strict.exit()).isEqualTo(1);
            assertThat(strict.err()).contains("3 object(s) not compared").contains("public.event: partitioned table");
            Project.Result diff = p.run("diff", "--from", empty.url(), "--to", db.url(), "--schema", "public", "--sql");
            assertThat(diff.exit()).isNotZero();
            assertThat(diff.err()).contains("diff --sql cannot write public.event as it is: public.event: partitioned table");
            assertThat(diff.out()).doesNotContain("CREATE TABLE");
            assertThat(empty.query("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()")).containsExactly(List.of("0"));
        }
    }
}
