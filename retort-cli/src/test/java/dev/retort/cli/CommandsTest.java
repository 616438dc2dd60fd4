package dev.retort.cli;

import org.junit.jupiter.api.Tag;
import dev.retort.Retort;
import dev.retort.config.ConfigLoader;
import dev.retort.runtime.Migrator;
import dev.retort.testing.PgDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands a user runs besides upgrade and check, on the stratsim example. */
@Tag("database")
class CommandsTest {
    @TempDir Path tmp;
    PgDatabase db;
    Project p;
    String first, second, third;
    static final String THIRD = "account updated_at trigger, simulation events by time, runs per scenario, scenario row security";

    @BeforeEach
    void setUp() {
        db = PgDatabase.create();
        p = Project.stratsim(tmp);
        p.env.put("DATABASE_URL", db.url());
        List<String> lines = p.run("history").out().lines().toList();
        third = lines.get(0).split(" -> ")[1].split(" ")[0];
        second = lines.get(1).split(" -> ")[1].split(",")[0];
        first = lines.get(2).split(" -> ")[1].split(",")[0];
    }

    @AfterEach
    void tearDown() { db.close(); }

    @Test
    void historyHeadsShowAndRanges() {
        Project.Result h = p.run("history");
        assertThat(h.out()).isEqualTo(second + " -> " + third + " (head), " + THIRD + "\n" + first + " -> " + second + ", add scenarios and simulation runs\n"
                + "<base> -> " + first + ", create accounts\n");
        assertThat(p.run("heads").out()).isEqualTo(third + " (head), " + THIRD + "\n");
        assertThat(p.run("history", "-r", first + ":" + second).out()).isEqualTo(first + " -> " + second + ", add scenarios and simulation runs\n");
        Project.Result show = p.run("show", second.substring(0, 5));
        assertThat(show.out()).contains("Rev: " + second).contains("Parent: " + first)
                .contains("Path: migrations/versions/").contains("add scenarios and simulation runs");
    }

    @Test
    void relativeUpgradeAndDowngrade() {
        assertThat(p.run("upgrade", "+1").exit()).isZero();
        assertThat(p.run("current").out()).startsWith(first + ", create accounts");
        assertThat(db.tables()).contains("public.account").doesNotContain("stratsim.scenario");
        assertThat(p.run("upgrade", "+2").exit()).isZero();
        assertThat(p.run("current").out()).startsWith(third + " (head)");
        assertThat(p.run("downgrade", "-2").exit()).isZero();
        assertThat(p.run("current").out()).startsWith(first);
        assertThat(p.run("upgrade", "head").out()).isEmpty();
        assertThat(p.run("upgrade", "head").out()).contains("nothing to do");
    }

    @Test
    void stampRecordsWithoutRunning() {
        Project.Result r = p.run("stamp", "head");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Stamped the database at " + third);
        assertThat(db.tables()).containsExactly("public.retort_version", "public.retort_version_history");
        assertThat(db.query("select version_num from retort_version")).containsExactly(List.of(third));
        assertThat(db.query("select direction from retort_version_history")).containsExactly(List.of("stamp"));
    }

    /** A history table made before steps were tracked (no state, progress, progress_hash) is brought up to date, and read before that. */
    @Test
    void aHistoryTableFromAnEarlierRetortIsUpgradedInPlace() {
        assertThat(p.run("upgrade", "+1").exit()).isZero();
        db.execute("ALTER TABLE retort_version_history DROP COLUMN state, DROP COLUMN progress, DROP COLUMN progress_hash");
        Project.Result current = p.run("current");
        assertThat(current.exit()).as(current.toString()).isZero();
        assertThat(p.run("validate").exit()).isZero();
        Project.Result up = p.run("upgrade", "head");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(db.query("select count(*) from information_schema.columns where table_name = 'retort_version_history'"
                + " and column_name in ('state', 'progress', 'progress_hash')")).containsExactly(List.of("3"));
        assertThat(db.query("select count(*) from retort_version_history where direction = 'upgrade'")).containsExactly(List.of("3"));
    }

    @Test
    void initCreatesAFolderAndConfig(@TempDir Path fresh) {
        Project q = new Project(fresh);
        Project.Result r = q.run("init");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(fresh.resolve("migrations/versions")).isDirectory();
        assertThat(q.read("retort.toml")).contains("script_location = \"migrations\"").contains("# url = ");
        assertThat(q.read(".gitignore")).isEqualTo(".retort/\n");
        assertThat(q.run("init").exit()).isEqualTo(2);
        Project.Result empty = q.run("revision", "-m", "first step");
        assertThat(empty.exit()).as(empty.toString()).isZero();
        assertThat(q.newestRevision(List.of())).contains("message = \"first step\"").contains("// nothing to do");
        assertThat(q.run("heads").out()).contains("(head), first step");
        // with no URL anywhere the new project runs on the embedded database
        Project.Result up = q.run("upgrade", "head");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(fresh.resolve(".retort/db.mv.db")).exists();
    }

    @Test
    void diffBetweenTwoDatabases() {
        try (PgDatabase other = PgDatabase.create()) {
            assertThat(p.run("upgrade", "head").exit()).isZero();
            other.execute("CREATE TABLE public.legacy (id int PRIMARY KEY, note text DEFAULT 'it''s')");
            // what turns `other` into the stratsim database
            Project.Result d = p.run("diff", "--from", other.url(), "--to", db.url());
            assertThat(d.exit()).as("differences found: exit 1, as check does\n" + d).isEqualTo(1);
            assertThat(d.out()).contains("create table public.account").contains("create schema stratsim").contains("drop table public.legacy");
            Project.Result sql = p.run("diff", "--from", other.url(), "--to", db.url(), "--schema", "stratsim", "--sql");
            assertThat(sql.exit()).as(sql.toString()).isEqualTo(1);
            assertThat(sql.out()).contains("CREATE SCHEMA \"stratsim\";").doesNotContain("legacy").doesNotContain("retort_version");
            // apply it: the schemas then agree
            other.execute(sql.out().replace("CREATE TABLE \"stratsim\"", "CREATE TABLE IF NOT EXISTS \"stratsim\"")
                    .replace("REFERENCES \"public\".\"account\"", "REFERENCES \"public\".\"legacy\""));
            assertThat(other.tables()).contains("stratsim.scenario", "stratsim.simulation_run");
            Project.Result same = p.run("diff", "--from", db.url(), "--to", db.url());
            assertThat(same.exit()).as(same.toString()).isZero();
            assertThat(same.out()).contains("No differences.");
        }
    }

    @Test
    void asyncApiNeverBlocksTheCaller() throws Exception {
        Retort retort = Retort.create(new ConfigLoader(Map.of("DATABASE_URL", db.url())).load(p.file("retort.toml"), true, null));
        assertThat(retort.upgradeAsync("+1").get(60, TimeUnit.SECONDS)).hasSize(1);
        try (java.sql.Connection blocker = db.connect()) {
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("LOCK TABLE retort_version IN ACCESS EXCLUSIVE MODE");
            // the upgrade now waits on the database; the call still returns at once, with the work pending
            CompletableFuture<List<Migrator.Step>> up = retort.upgradeAsync("head");
            CompletableFuture<String> finishedOn = up.thenApply(steps -> Thread.currentThread().getName());
            Thread.sleep(500);
            assertThat(up).isNotDone();
            blocker.rollback();
            // wait without get(): a thread blocked in get() may itself run the dependent stage when the future completes
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!up.isDone() && System.nanoTime() < deadline) Thread.sleep(20);
            assertThat(finishedOn.get(60, TimeUnit.SECONDS)).isEqualTo("retort-worker");
            assertThat(up.get(60, TimeUnit.SECONDS)).hasSize(2);
        }
        assertThat(retort.currentAsync().get(30, TimeUnit.SECONDS)).isEqualTo(Set.of(third));
        assertThat(retort.checkAsync().get(30, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void tableFiltersKeepObjectsOutOfTheComparison() {
        assertThat(p.run("upgrade", "head").exit()).isZero();
        db.execute("CREATE TABLE public.tmp_import (id int)");
        Project.Result seen = p.run("check", "--strict"); // someone else's table: named, never dropped
        assertThat(seen.exit()).isEqualTo(1);
        assertThat(seen.err()).contains("public.tmp_import: table");
        p.edit("retort.toml", "compare_type = true", "compare_type = true\nexclude_tables = [\"tmp_*\"]");
        assertThat(p.run("check", "--strict").exit()).isZero();
    }

    @Test
    void bulkInsertEscapesLiteralsOnlineAndOffline() {
        p.write("migrations/versions/seed.java", "import dev.retort.api.*;\n"
                + "@Revision(id = \"seed1\", parents = \"" + third + "\", message = \"seed accounts\")\n"
                + "class Rseed1 implements Migration {\n"
                + "    public void upgrade(Operations op) {\n"
                + "        op.bulkInsert(\"public\", \"account\").columns(\"email\", \"display_name\")\n"
                + "                .row(\"o'brien@example.com\", \"Ann O'Brien\").row(\"x@example.com\", \"Robert'); DROP TABLE public.account; --\");\n"
                + "        op.execute(\"UPDATE public.account SET display_name = upper(display_name) WHERE email = 'x@example.com'\");\n"
                + "    }\n"
                + "    public void downgrade(Operations op) { op.execute(\"DELETE FROM public.account\"); }\n}\n");
        Project.Result sql = p.run("upgrade", "head", "--sql");
        assertThat(sql.out()).contains("('o''brien@example.com', 'Ann O''Brien')").contains("'Robert''); DROP TABLE public.account; --'");
        Project.Result up = p.run("upgrade", "head");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(db.query("select email, display_name from public.account order by email"))
                .containsExactly(List.of("o'brien@example.com", "Ann O'Brien"), List.of("x@example.com", "ROBERT'); DROP TABLE PUBLIC.ACCOUNT; --"));
        assertThat(p.run("downgrade", "-1").exit()).isZero();
        assertThat(db.query("select count(*) from public.account").get(0).get(0)).isEqualTo("0");
    }

    @Test
    void modelsFromCompiledClassesOnTheClasspathFlag(@TempDir Path classes) throws Exception {
        // compile the example's models the way a build would, then point --classpath at them instead of sources
        List<Path> sources;
        try (var s = java.nio.file.Files.walk(p.file("model"))) {
            sources = s.filter(f -> f.toString().endsWith(".java")).toList();
        }
        dev.retort.script.Javac.compile(sources, classes, List.of(), "test models");
        p.edit("retort.toml", "sources = [\"model\"]", "");
        assertThat(p.run("check").err()).contains("no model class or package 'stratsim.model.*'");
        assertThat(p.run("upgrade", "head").exit()).isZero();
        Project.Result check = p.run("--classpath", classes.toString(), "check");
        assertThat(check.exit()).as(check.toString()).isZero();
    }
}
