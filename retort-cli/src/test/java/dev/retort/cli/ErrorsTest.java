package dev.retort.cli;

import org.junit.jupiter.api.Tag;
import dev.retort.testing.PgDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input: one line on stderr naming the problem, a non-zero exit, no stack trace, the database unchanged. */
@Tag("database")
class ErrorsTest {
    @TempDir Path tmp;
    PgDatabase db;
    Project p;

    @BeforeEach
    void setUp() {
        db = PgDatabase.create();
        p = Project.stratsim(tmp);
        p.env.put("DATABASE_URL", db.url());
    }

    @AfterEach
    void tearDown() { db.close(); }

    private Project.Result fails(int exit, String... args) {
        Project.Result r = p.run(args);
        assertThat(r.exit()).as(r.toString()).isEqualTo(exit);
        assertThat(r.err().lines().count()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).startsWith("retort: error: ").doesNotContain("\tat ");
        return r;
    }

    private String revisionSource(String id, String parents, String upgradeBody) {
        return "import dev.retort.api.*;\n@Revision(id = \"" + id + "\", parents = " + parents + ", message = \"m " + id + "\")\n"
                + "class R" + id + " implements Migration {\n"
                + "    public void upgrade(Operations op) {\n" + upgradeBody + "\n    }\n"
                + "    public void downgrade(Operations op) { }\n}\n";
    }

    private String head() {
        return p.run("heads").out().split(" ")[0];
    }

    @Test
    void unreachableDatabase() {
        p.env.put("DATABASE_URL", "postgresql://app:s3cr3t-pw@127.0.0.1:1/app");
        Project.Result r = fails(2, "upgrade", "head");
        assertThat(r.err()).contains("cannot connect to postgresql://app:***@127.0.0.1:1/app").doesNotContain("s3cr3t-pw");
    }

    @Test
    void badCredentialsAreMasked() {
        p.env.put("DATABASE_URL", "postgresql+asyncpg://no_such_role:hunter2-pw@127.0.0.1:5432/" + db.name());
        Project.Result r = fails(2, "current");
        assertThat(r.err()).contains("no_such_role:***@").contains("no_such_role").doesNotContain("hunter2-pw");
    }

    @Test
    void unknownTarget() {
        Project.Result r = fails(2, "upgrade", "ffffffffffff");
        assertThat(r.err()).contains("no revision matches 'ffffffffffff'");
        assertThat(db.tables()).isEmpty();
    }

    @Test
    void ambiguousPrefix() {
        p.write("migrations/versions/a.java", revisionSource("abc111", "\"" + head() + "\"", ""));
        p.write("migrations/versions/b.java", revisionSource("abc222", "\"abc111\"", ""));
        Project.Result r = fails(2, "upgrade", "abc");
        assertThat(r.err()).contains("revision prefix 'abc' is ambiguous: it matches abc111, abc222");
        assertThat(db.tables()).isEmpty();
    }

    @Test
    void multipleHeadsSuggestMerge() {
        String parent = head();
        p.write("migrations/versions/a.java", revisionSource("aaa111", "\"" + parent + "\"", ""));
        p.write("migrations/versions/b.java", revisionSource("bbb222", "\"" + parent + "\"", ""));
        Project.Result r = fails(2, "upgrade", "head");
        assertThat(r.err()).contains("multiple heads: aaa111, bbb222").contains("retort merge");
        assertThat(db.tables()).isEmpty();

        Project.Result merge = p.run("merge", "-m", "join branches");
        assertThat(merge.exit()).as(merge.toString()).isZero();
        assertThat(p.run("heads").out().lines().count()).isEqualTo(1);
        assertThat(p.run("upgrade", "head").exit()).isZero();
        assertThat(p.run("current").out()).contains("(head), join branches");
    }

    @Test
    void missingParent() {
        p.write("migrations/versions/x.java", revisionSource("orphan1", "\"doesnotexist\"", ""));
        Project.Result r = fails(2, "upgrade", "head");
        assertThat(r.err()).contains("x.java: parent revision doesnotexist of orphan1 does not exist");
    }

    @Test
    void cycle() {
        p.clearRevisions();
        p.write("migrations/versions/a.java", revisionSource("cyc1", "\"cyc2\"", ""));
        p.write("migrations/versions/b.java", revisionSource("cyc2", "\"cyc1\"", ""));
        Project.Result r = fails(2, "history");
        assertThat(r.err()).contains("revisions form a cycle: cyc1, cyc2");
    }

    @Test
    void duplicateIds() {
        String parent = head();
        p.write("migrations/versions/a.java", revisionSource("dup1", "\"" + parent + "\"", ""));
        p.write("migrations/versions/b.java", revisionSource("dup1", "\"" + parent + "\"", ""));
        Project.Result r = fails(2, "heads");
        assertThat(r.err()).contains("revision id dup1 is used twice").contains("a.java").contains("b.java");
    }

    @Test
    void compileErrorNamesFileAndLine() {
        p.write("migrations/versions/broken.java", revisionSource("brk1", "\"" + head() + "\"", "        op.createTabel(\"public\", \"x\");"));
        Project.Result r = fails(2, "upgrade", "head");
        assertThat(r.err()).containsPattern("broken\\.java:5: compile error: cannot find symbol");
        assertThat(db.tables()).isEmpty();
    }

    @Test
    void failingStatementRollsBackAndLeavesTheVersionTable() {
        assertThat(p.run("upgrade", "head").exit()).isZero();
        String before = head();
        p.write("migrations/versions/bad.java", revisionSource("bad1", "\"" + before + "\"",
                "        op.addColumn(\"public\", \"account\", \"nickname\", \"text\");\n"
                        + "        op.execute(\"INSERT INTO public.no_such_table VALUES (1)\");"));
        Project.Result r = fails(1, "upgrade", "head");
        assertThat(r.err()).contains("revision bad1").contains("bad.java").contains("failed at statement 2 of 4")
                .contains("[INSERT INTO public.no_such_table VALUES (1)]").contains("relation \"public.no_such_table\" does not exist");
        assertThat(db.query("select version_num from retort_version")).containsExactly(List.of(before));
        assertThat(db.query("select count(*) from information_schema.columns where column_name = 'nickname'").get(0).get(0)).isEqualTo("0");
    }

    /**
     * Several revisions go to the server in one round trip, each in its own transaction: when the fifth fails, the
     * four before it stay applied and recorded, and the error still names the revision and the statement.
     */
    @Test
    void aFailureAmongRevisionsSentTogetherKeepsTheOnesBeforeIt() {
        String second = head();
        p.write("migrations/versions/good.java", revisionSource("good1", "\"" + second + "\"",
                "        op.addColumn(\"public\", \"account\", \"nickname\", \"text\");"));
        p.write("migrations/versions/bad.java", revisionSource("bad2", "\"good1\"",
                "        op.addColumn(\"public\", \"account\", \"motto\", \"text\");\n"
                        + "        op.execute(\"INSERT INTO public.no_such_table VALUES (1)\");"));
        Project.Result r = fails(1, "upgrade", "head");
        assertThat(r.err()).contains("revision bad2").contains("failed at statement 2 of 4").contains("[INSERT INTO public.no_such_table VALUES (1)]")
                .contains("4 revision(s) before it stay applied");
        assertThat(db.query("select version_num from retort_version")).containsExactly(List.of("good1"));
        assertThat(db.query("select revision from retort_version_history order by id")).extracting(row -> row.get(0)).endsWith("good1");
        assertThat(db.query("select column_name from information_schema.columns where column_name in ('nickname', 'motto')"))
                .containsExactly(List.of("nickname"));
    }

    /**
     * With transaction_per = "run" the revisions go 50 to a round trip inside one transaction: 123 revisions commit
     * together (one transaction start time in every history row); when one in the second round trip fails, the error
     * names it and its statement, and nothing from the run is applied.
     */
    @Test
    void oneTransactionForTheRunSendsRevisionsTogetherAndRollsBackAsOne() {
        p.edit("retort.toml", "transaction_per = \"migration\"", "transaction_per = \"run\"");
        String prev = head();
        for (int i = 1; i <= 120; i++) {
            String id = String.format("run%03d", i);
            String body = "        op.createTable(\"public\", \"r" + i + "\", t -> { t.column(\"id\", \"bigint\").primaryKey(); t.index(\"id\"); });";
            if (i == 75) body += "\n        op.execute(\"INSERT INTO public.no_such_table VALUES (1)\");";
            p.write("migrations/versions/" + id + ".java", revisionSource(id, "\"" + prev + "\"", body));
            prev = id;
        }
        Project.Result r = fails(1, "upgrade", "head");
        assertThat(r.err()).contains("revision run075").contains("run075.java").contains("failed at statement 3 of 5")
                .contains("[INSERT INTO public.no_such_table VALUES (1)]").contains("nothing from this run was applied");
        assertThat(db.tables()).containsExactly("public.retort_version", "public.retort_version_history");
        assertThat(db.query("select count(*) from retort_version").get(0).get(0)).isEqualTo("0");
        assertThat(db.query("select count(*) from retort_version_history").get(0).get(0)).isEqualTo("0");

        p.write("migrations/versions/run075.java", revisionSource("run075", "\"run074\"",
                "        op.createTable(\"public\", \"r75\", t -> { t.column(\"id\", \"bigint\").primaryKey(); t.index(\"id\"); });"));
        Project.Result ok = p.run("upgrade", "head");
        assertThat(ok.exit()).as(ok.toString()).isZero();
        assertThat(db.query("select version_num from retort_version")).containsExactly(List.of("run120"));
        assertThat(db.query("select count(*), count(distinct started_at) from retort_version_history where direction = 'upgrade'"))
                .containsExactly(List.of("123", "1"));
        assertThat(db.query("select count(*) from pg_tables where schemaname = 'public' and tablename ~ '^r[0-9]+$'").get(0).get(0)).isEqualTo("120");
    }

    @Test
    void malformedRevisionHeader() {
        p.write("migrations/versions/bad.java", "import dev.retort.api.*;\n@Revision(id = \"x1\", parents = {\"a\" \"b\"})\nclass X {}\n");
        Project.Result r = fails(2, "heads");
        assertThat(r.err()).contains("bad.java:2: expected ',' or '}' in @Revision array");
    }

    @Test
    void unsupportedUrlScheme() {
        p.env.put("DATABASE_URL", "oracle://scott:tiger-pw@db/orcl");
        Project.Result r = fails(2, "current");
        assertThat(r.err()).contains("unsupported database URL scheme 'oracle'").doesNotContain("tiger-pw");
    }

    @Test
    void unknownConfigKey() {
        p.write("retort.toml", "script_locaton = \"migrations\"\n");
        Project.Result r = fails(2, "heads");
        assertThat(r.err()).contains("retort.toml: unknown key 'script_locaton'");
    }

    @Test
    void databaseAtARevisionNoFileHas() {
        assertThat(p.run("upgrade", "head").exit()).isZero();
        db.execute("update retort_version set version_num = 'gone123'");
        Project.Result r = fails(2, "upgrade", "head");
        assertThat(r.err()).contains("the database is at revision gone123, which no file in").contains("retort stamp");
    }

    /**
     * upgrade connects while it reads the revisions; a revision that cannot be read is still what the user is told of
     * (before a database that cannot be reached), and the connection opened meanwhile does not stay behind.
     */
    @Test
    void aMalformedRevisionIsReportedBeforeTheDatabaseAndLeavesNoSessionOpen() throws Exception {
        p.write("migrations/versions/bad.java", "import dev.retort.api.*;\n@Revision(id = \"x1\", parents = {\"a\" \"b\"})\nclass X {}\n");
        Project.Result r = fails(2, "upgrade", "head");
        assertThat(r.err()).contains("bad.java:2: expected ',' or '}' in @Revision array");
        String mine = "select count(*) from pg_stat_activity where datname = '" + db.name() + "' and application_name like 'retort (pid "
                + ProcessHandle.current().pid() + ",%'";
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!db.query(mine).get(0).get(0).equals("0") && System.nanoTime() < deadline) Thread.sleep(50);
        assertThat(db.query(mine).get(0).get(0)).as("sessions of this process left open").isEqualTo("0");
        assertThat(db.tables()).isEmpty();

        p.env.put("DATABASE_URL", "postgresql://app:s3cr3t-pw@127.0.0.1:1/app");
        r = fails(2, "upgrade", "head");
        assertThat(r.err()).contains("bad.java:2: expected ',' or '}' in @Revision array").doesNotContain("cannot connect");
    }
}
