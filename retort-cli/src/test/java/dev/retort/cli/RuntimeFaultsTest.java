package dev.retort.cli;

import org.junit.jupiter.api.Tag;
import dev.retort.testing.MariaDb;
import dev.retort.testing.PgDatabase;
import dev.retort.testing.SqliteFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a new user met when trying Retort (issue 10): hangs, wrong exit codes, quiet fall-backs, files left behind, a
 * run that says nothing while it works. Each case runs on a real database.
 */
@Tag("database")
class RuntimeFaultsTest {
    @TempDir Path tmp;

    static String rev(String id, String parents, String upgrade) { return BadInputTest.rev(id, parents, upgrade); }

    /** What Retort logs while {@code work} runs: slf4j-simple writes to whatever System.err is at the time. */
    static String logOf(Runnable work) {
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        java.io.PrintStream was = System.err;
        System.setErr(new java.io.PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.setErr(was);
        }
        return log.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aServerThatAcceptsAndNeverAnswersEndsTheRunWithinTheConnectTimeout() throws Exception {
        Project p = Project.stratsim(tmp.resolve("p"));
        p.edit("retort.toml", "compare_type = true", "compare_type = true\nconnect_timeout = 2");
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) accepted.add(silent.accept()); // and never a byte back
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            for (String scheme : List.of("postgresql", "mysql")) {
                p.env.put("DATABASE_URL", scheme + "://app:pw77@127.0.0.1:" + silent.getLocalPort() + "/app");
                long start = System.nanoTime();
                Project.Result r = p.run("upgrade", "head");
                long seconds = (System.nanoTime() - start) / 1_000_000_000L;
                assertThat(r.exit()).as(r.toString()).isEqualTo(2);
                assertThat(r.err()).as(r.toString()).isEqualTo("retort: error: cannot connect to " + scheme + "://app:***@127.0.0.1:" + silent.getLocalPort()
                        + "/app: no answer from 127.0.0.1:" + silent.getLocalPort() + " within 2 s (connect_timeout in retort.toml)\n");
                assertThat(seconds).as("gave up after the timeout, not long after").isLessThan(10);
            }
            assertThat(accepted).as("the server did accept the connections").isNotEmpty();
        }
        for (Socket s : accepted) s.close();
    }

    @Test
    void theJdbcDriversOwnLogShowsOnlyWithVerbose() throws Exception {
        Project p = Project.stratsim(tmp.resolve("p"));
        String url = "jdbc:postgresql://127.0.0.1:5432/postgres?PGPORT=99999"; // the driver logs a warning before it refuses the URL
        Path quiet = tmp.resolve("quiet.log"), verbose = tmp.resolve("verbose.log");
        Process a = Processes.retort(p.dir, java.util.Map.of(), quiet, "current", "--url", url).start();
        Process b = Processes.retort(p.dir, java.util.Map.of(), verbose, "current", "-v", "--url", url).start();
        assertThat(a.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) && b.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(a.exitValue()).isEqualTo(2);
        assertThat(Processes.read(quiet)).isEqualTo("retort: error: cannot connect to " + url + ": Unable to parse URL " + url + "\n");
        assertThat(Processes.read(verbose)).contains("JDBC URL port: 99999 not valid").doesNotContain("WARNING:");
    }

    @Test
    void verboseShowsEachStatementAsItIsSent() throws Exception {
        Project p = Project.stratsim(tmp.resolve("p"));
        Path log = tmp.resolve("v.log");
        Process run = Processes.retort(p.dir, java.util.Map.of("DATABASE_URL", "sqlite:///" + tmp.resolve("v.db")), log, "upgrade", "head", "-v").start();
        assertThat(run.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(Processes.read(log)).isZero();
        assertThat(Processes.read(log)).containsSubsequence("[1/3] Upgrading ", "Sending: CREATE TABLE \"account\"", "[1/3] Applied ",
                "[2/3] Upgrading ", "Sending: CREATE TABLE", "[2/3] Applied ");
    }

    @Test
    void lockFilesAKilledSqliteRunLeftNeverBlockAndAreRemoved() throws IOException {
        Project p = Project.stratsim(tmp.resolve("p"));
        Path db = tmp.resolve("app.db");
        Files.writeString(tmp.resolve("app.db.retort-lock"), "");
        Files.writeString(tmp.resolve("app.db.retort-lock.holder"), "retort (pid 999999, host gone) since 2026-01-01T00:00Z\n");
        p.env.put("DATABASE_URL", "sqlite:///" + db);
        Project.Result r = p.run("upgrade", "head");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(new SqliteFile(db).tables()).contains("public.account");
        assertThat(tmp.resolve("app.db.retort-lock")).doesNotExist();
        assertThat(tmp.resolve("app.db.retort-lock.holder")).doesNotExist();
    }

    @Test
    void aSchemaDropOnMariaDbRefusesWhenTheDatabaseHoldsWhatRetortDoesNotManage() {
        Project p = Project.stratsim(tmp.resolve("p"));
        try (MariaDb.Lease stratsim = MariaDb.stratsimDatabase(); MariaDb db = MariaDb.create()) {
            p.env.put("DATABASE_URL", db.url());
            assertThat(p.run("upgrade", "head").exit()).isZero();
            MariaDb.admin("CREATE TABLE stratsim.keep_me (id int PRIMARY KEY, note text)");
            MariaDb.admin("INSERT INTO stratsim.keep_me VALUES (1, 'not Retort''s')");
            List<String> before = db.tables();

            Project.Result r = p.run("downgrade", "base");
            assertThat(r.exit()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).as(r.toString()).startsWith("retort: error: ").contains("refusing to drop database stratsim")
                    .contains("it holds what Retort does not manage: table keep_me").contains("nothing was run");
            assertThat(r.err().lines().count()).isEqualTo(1);
            assertThat(db.tables()).as("nothing dropped").isEqualTo(before);
            assertThat(db.query("SELECT note FROM stratsim.keep_me")).containsExactly(List.of("not Retort's"));
            assertThat(p.run("current").out()).contains("(head)");

            // the offline script guards the drop too: run by the mariadb client, it stops before DROP SCHEMA
            Project.Result script = p.run("downgrade", "head:base", "--sql");
            assertThat(script.out()).contains("SET @retort_guard = (SELECT CONCAT('retort: refusing to drop database ', 'stratsim')")
                    .contains("AND TABLE_NAME NOT IN ('scenario', 'scenario_runs', 'simulation_event', 'simulation_run')");
            assertThat(script.out().indexOf("SET @retort_guard")).isLessThan(script.out().indexOf("DROP SCHEMA `stratsim`"));

            // once the database holds only what the history made, the drop goes ahead
            MariaDb.admin("DROP TABLE stratsim.keep_me");
            Project.Result down = p.run("downgrade", "base");
            assertThat(down.exit()).as(down.toString()).isZero();
            assertThat(db.query("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = 'stratsim'")).isEmpty();
        }
    }

    @Test
    void anErrorThrownByARevisionIsAnInternalErrorInOneLineWithExitThree() {
        Project p = Project.stratsim(tmp.resolve("p"));
        try (PgDatabase db = PgDatabase.create()) {
            p.env.put("DATABASE_URL", db.url());
            assertThat(p.run("upgrade", "head").exit()).isZero();
            String head = p.run("heads").out().split(" ")[0];
            p.write("migrations/versions/x.java", rev("err1", "\"" + head + "\"", "        throw new AssertionError(\"invariant broken\");"));
            Project.Result r = p.run("upgrade", "head");
            assertThat(r.exit()).as(r.toString()).isEqualTo(3);
            assertThat(r.err()).isEqualTo("retort: internal error: java.lang.AssertionError: invariant broken (run with --debug for the stack trace)\n");
            assertThat(db.query("select version_num from retort_version")).containsExactly(List.of(head));
        }
    }

    @Test
    void diffBetweenDifferentDatabaseKindsReadsEachWithItsOwnDialect() {
        Project p = Project.stratsim(tmp.resolve("p"));
        try (PgDatabase pg = PgDatabase.create(); MariaDb my = MariaDb.create()) {
            pg.execute("CREATE TABLE public.item (id bigint PRIMARY KEY, name varchar(40) NOT NULL)");
            my.execute("CREATE TABLE item (id bigint PRIMARY KEY, name varchar(40) NOT NULL, extra int)");
            Project.Result r = p.run("diff", "--from", pg.url(), "--to", my.url(), "--schema", "public");
            assertThat(r.err()).as(r.toString()).doesNotContain("jit").doesNotContain("error");
            assertThat(r.exit()).as(r.toString()).isEqualTo(1);
            assertThat(r.out()).contains("add column public.item.extra").doesNotContain("drop table").doesNotContain("create table");
            Project.Result back = p.run("diff", "--from", my.url(), "--to", pg.url(), "--schema", "public");
            assertThat(back.exit()).as(back.toString()).isEqualTo(1);
            assertThat(back.out()).contains("drop column public.item.extra");
        }
    }

    /**
     * The same revisions on PostgreSQL and MariaDB make the same schema, and diff says so in both directions
     * (account_pkey and PRIMARY, timestamptz and datetime(6) are one column); a difference is found either way; SQL is
     * written for the MariaDB side, and refused for PostgreSQL's from MariaDB's types (issue 30 item 9).
     */
    @Test
    void diffAcrossDatabaseKindsSeesTheSameSchemaAsTheSame() {
        Project p = Project.stratsim(tmp.resolve("p"));
        try (PgDatabase pg = PgDatabase.create(); MariaDb my = MariaDb.create(); MariaDb.Lease lease = MariaDb.stratsimDatabase()) {
            assertThat(p.run("--url", pg.url(), "upgrade", "head").exit()).isZero();
            assertThat(p.run("--url", my.url(), "upgrade", "head").exit()).isZero();
            String[] scope = {"--schema", "public", "--schema", "stratsim"};
            Project.Result same = p.run(concat(new String[] {"diff", "--from", pg.url(), "--to", my.url()}, scope));
            assertThat(same.exit()).as(same.toString()).isZero();
            assertThat(same.out()).isEqualTo("No differences.\n");
            assertThat(p.run(concat(new String[] {"diff", "--from", my.url(), "--to", pg.url()}, scope)).exit()).isZero();

            my.execute("ALTER TABLE account ADD COLUMN nickname varchar(40)");
            Project.Result added = p.run(concat(new String[] {"diff", "--from", pg.url(), "--to", my.url()}, scope));
            assertThat(added.exit()).isEqualTo(1);
            assertThat(added.out()).isEqualTo("add column public.account.nickname\n");
            Project.Result refused = p.run(concat(new String[] {"diff", "--from", pg.url(), "--to", my.url(), "--sql"}, scope));
            assertThat(refused.exit()).isEqualTo(2);
            assertThat(refused.err()).contains("would write PostgreSQL's DDL from mysql's types").contains("nothing was written");
            Project.Result sql = p.run(concat(new String[] {"diff", "--from", my.url(), "--to", pg.url(), "--sql"}, scope));
            assertThat(sql.out()).as(sql.toString()).isEqualTo("ALTER TABLE `account` DROP COLUMN `nickname`;\n");
        }
    }

    static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void aConfigFileWithAByteOrderMarkIsRead() throws IOException {
        Project p = Project.stratsim(tmp.resolve("p"));
        byte[] text = Files.readAllBytes(p.file("retort.toml"));
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] both = new byte[text.length + 3];
        System.arraycopy(bom, 0, both, 0, 3);
        System.arraycopy(text, 0, both, 3, text.length);
        Files.write(p.file("retort.toml"), both);
        try (PgDatabase db = PgDatabase.create()) {
            p.env.put("DATABASE_URL", db.url());
            Project.Result r = p.run("upgrade", "head");
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(db.tables()).contains("public.account", "stratsim.scenario");
        }
    }

    @Test
    void anOfflineScriptWithoutAnyUrlSaysWhichDatabaseItIsFor() {
        Project p = Project.stratsim(tmp.resolve("p"));
        Project.Result[] r = new Project.Result[1];
        String log = logOf(() -> r[0] = p.run("upgrade", "head", "--sql"));
        assertThat(r[0].exit()).as(r[0].toString()).isZero();
        assertThat(r[0].out()).contains("for h2");
        assertThat(log).contains("No database URL configured: writing the script for H2, the embedded default; pass --url postgresql://");
        assertThat(p.file(".retort")).as("no database made for a script").doesNotExist();
    }

    @Test
    void historyFromARevisionListsOnlyWhatDescendsFromIt() {
        Project p = Project.stratsim(tmp.resolve("p"));
        String head = p.run("heads").out().split(" ")[0];
        p.write("migrations/versions/a.java", rev("brA1", "\"" + head + "\"", ""));
        p.write("migrations/versions/b.java", rev("brA2", "\"brA1\"", ""));
        p.write("migrations/versions/c.java", rev("brB1", "\"" + head + "\"", ""));
        Project.Result r = p.run("history", "-r", "brA1:brA2");
        assertThat(r.out()).contains("-> brA2").doesNotContain("brB1").doesNotContain("-> brA1");
        Project.Result all = p.run("history", "-r", "brA1:");
        assertThat(all.out()).as(all.toString()).contains("-> brA2 (head)").doesNotContain("brB1");
        assertThat(p.run("history", "-r", head + ":").out()).contains("brA1").contains("brA2").contains("brB1");
    }

    @Test
    void plainRevisionsRunWhenTheModelsDoNotBuildAndTheCacheCannotBeWritten() throws IOException {
        Project p = Project.stratsim(tmp.resolve("p"));
        p.edit(BadInputTest.ACCOUNTS, "t.index(\"created_at\");", "t.index(created_at);"); // a model that does not compile
        Files.writeString(p.file("migrations/.cache"), "a file where the cache folder would go\n"); // nothing can be written there
        try (PgDatabase db = PgDatabase.create()) {
            p.env.put("DATABASE_URL", db.url());
            Project.Result up = p.run("upgrade", "head");
            assertThat(up.exit()).as("plain revisions need neither the models nor the cache\n" + up).isZero();
            assertThat(db.tables()).contains("public.account", "stratsim.scenario");
            Project.Result check = p.run("check");
            assertThat(check.exit()).isEqualTo(2); // what compares still needs the models
            assertThat(check.err()).contains("Accounts.java:20: compile error");

            // a revision that must be compiled is compiled elsewhere when the cache cannot be written
            p.edit(BadInputTest.ACCOUNTS, "t.index(created_at);", "t.index(\"created_at\");");
            String head = p.run("heads").out().split(" ")[0];
            p.write("migrations/versions/x.java", rev("cmp9", "\"" + head + "\"", "        String table = \"audit\";\n"
                    + "        op.createTable(\"public\", table, t -> t.column(\"id\", \"bigint\"));"));
            Project.Result compiled = p.run("upgrade", "head");
            assertThat(compiled.exit()).as(compiled.toString()).isZero();
            assertThat(db.tables()).contains("public.audit");
        }
    }

    @Test
    void aRunSaysWhereItIsAndEveryDatabaseRecordsHowLongEachRevisionTook() {
        for (String kind : List.of("postgresql", "mysql", "sqlite", "h2")) {
            Path dir = tmp.resolve(kind);
            Project p = Project.stratsim(dir);
            MariaDb.Lease stratsim = kind.equals("mysql") ? MariaDb.stratsimDatabase() : null;
            dev.retort.testing.Db db = dev.retort.testing.Db.create(kind, dir);
            try {
                p.env.put("DATABASE_URL", db.url());
                Project.Result[] r = new Project.Result[1];
                String text = logOf(() -> r[0] = p.run("upgrade", "head"));
                assertThat(r[0].exit()).as(kind + "\n" + r[0] + text).isZero();
                if (kind.equals("postgresql")) { // revisions go to the server together, and the log says so before they do
                    assertThat(text).containsSubsequence("[1-3/3] Upgrading 3 revisions in one round trip", "[1/3] Applied ", "[3/3] Applied ");
                } else {
                    assertThat(text).as(kind).containsSubsequence("[1/3] Upgrading ", "[1/3] Applied ", "[3/3] Upgrading ", "[3/3] Applied ");
                }
                List<List<String>> durations = db.query("select duration_ms from retort_version_history");
                assertThat(durations).as(kind).hasSize(3);
                for (List<String> d : durations) assertThat(d.get(0)).as(kind + " duration_ms").isNotNull().matches("[0-9]+");
                if (kind.equals("sqlite")) {
                    try (var files = Files.list(dir)) {
                        assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.contains("retort-lock")).toList())
                                .as("no lock file left beside the database").isEmpty();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            } finally {
                if (stratsim != null) stratsim.close(); // first: its tables reference the test's database
                db.close();
            }
        }
    }
}
