package dev.retort.cli;

import org.junit.jupiter.api.Tag;
import dev.retort.testing.PgDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("database")
class NamesAndTransactionsTest {
    @TempDir Path tmp;

    @Test
    void namesWithQuotesSpacesUnicodeAndReservedWordsWorkEndToEnd() {
        Project p = new Project(tmp);
        p.write("retort.toml", "script_location = \"migrations\"\n[models]\nclasses = [\"odd.OddNames\"]\nsources = [\"model\"]\n");
        p.write("model/odd/OddNames.java", """
                package odd;

                import dev.retort.model.Metadata;
                import dev.retort.model.Model;

                public class OddNames implements Model {
                    public void define(Metadata m) {
                        m.enumType("Weird \\"Schema\\"", "select", "it's", "naïve", "a\\\\b");
                        m.table("Weird \\"Schema\\"", "Order Items", t -> {
                            t.column("select", "integer").primaryKey();
                            t.column("naïve \\"quoted\\" name", "text").notNull().defaultValue("'O''Brien; DROP TABLE x; --'");
                            t.column("from", "\\"Weird \\"\\"Schema\\"\\"\\".\\"select\\"");
                            t.unique("naïve \\"quoted\\" name").name("uq \\"odd\\"");
                            t.index("from").name("ix select");
                            t.comment("it's a table; -- with a comment");
                        });
                    }
                }
                """);
        try (PgDatabase db = PgDatabase.create()) {
            p.env.put("DATABASE_URL", db.url());
            assertThat(p.run("init").exit()).isZero();
            Project.Result rev = p.run("revision", "--autogenerate", "-m", "odd names");
            assertThat(rev.exit()).as(rev.toString()).isZero();
            Project.Result sql = p.run("upgrade", "head", "--sql");
            assertThat(sql.out()).contains("CREATE TABLE \"Weird \"\"Schema\"\"\".\"Order Items\"")
                    .contains("DEFAULT 'O''Brien; DROP TABLE x; --' NOT NULL") // a default is SQL, written by the model as such
                    .contains("AS ENUM ('it''s', 'naïve', 'a\\b')").contains("IS 'it''s a table; -- with a comment'");
            Project.Result up = p.run("upgrade", "head");
            assertThat(up.exit()).as(up.toString()).isZero();
            assertThat(db.tables()).contains("Weird \"Schema\".Order Items");
            assertThat(db.query("select column_default from information_schema.columns where column_name = 'naïve \"quoted\" name'").get(0).get(0))
                    .isEqualTo("'O''Brien; DROP TABLE x; --'::text");
            assertThat(db.query("select obj_description('\"Weird \"\"Schema\"\"\".\"Order Items\"'::regclass)").get(0).get(0))
                    .isEqualTo("it's a table; -- with a comment");
            Project.Result check = p.run("check");
            assertThat(check.exit()).as(check.toString()).isZero();
            assertThat(p.run("downgrade", "base").exit()).isZero();
            assertThat(db.tables()).doesNotContain("Weird \"Schema\".Order Items");
        }
    }

    /**
     * Revisions sent together on PostgreSQL commit without waiting for the disk, all but the run's last, whose commit
     * waits and makes them all durable; each stays one transaction with its version-table row.
     */
    @Test
    void revisionsSentTogetherWaitForTheDiskOnlyAtTheRunsLastCommit() throws Exception {
        Project p = new Project(tmp);
        p.write("retort.toml", "script_location = \"migrations\"\n");
        Processes.writeChain(p, null, 3, "SELECT 1");
        try (PgDatabase db = PgDatabase.create()) {
            Path log = tmp.resolve("v.log");
            Process run = Processes.retort(p.dir, java.util.Map.of("DATABASE_URL", db.url()), log, "upgrade", "head", "-v").start();
            assertThat(run.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            String text = Processes.read(log);
            assertThat(run.exitValue()).as(text).isZero();
            String sent = text.substring(text.indexOf("statements in one round trip"));
            assertThat(sent).containsSubsequence("BEGIN", "SET LOCAL synchronous_commit = off", "CREATE TABLE \"public\".\"t1\"", "COMMIT",
                    "BEGIN", "SET LOCAL synchronous_commit = off", "CREATE TABLE \"public\".\"t2\"", "COMMIT",
                    "BEGIN", "CREATE TABLE \"public\".\"t3\"", "COMMIT");
            String last = sent.substring(sent.indexOf("CREATE TABLE \"public\".\"t2\""));
            assertThat(last.substring(last.indexOf("BEGIN"))).doesNotContain("synchronous_commit");
            assertThat(db.query("select version_num from public.retort_version")).containsExactly(List.of("c003"));
            assertThat(db.tables()).contains("public.t1", "public.t2", "public.t3");
        }
    }

    /**
     * The same on the other databases, in their default schema: quotes of every kind in names (SQLite and H2 double
     * quotes, MySQL backticks), spaces, unicode, reserved words, and a default that would inject SQL if not escaped.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"sqlite", "h2", "mysql"})
    void oddNamesWorkEndToEndOnTheOtherDatabases(String dialect) {
        Project p = new Project(tmp.resolve("p"));
        p.write("retort.toml", "script_location = \"migrations\"\n[models]\nclasses = [\"odd.OddNames\"]\nsources = [\"model\"]\n");
        p.write("model/odd/OddNames.java", """
                package odd;

                import dev.retort.model.Metadata;
                import dev.retort.model.Model;

                public class OddNames implements Model {
                    public void define(Metadata m) {
                        m.table("public", "Order `Items`", t -> {
                            t.column("select", "integer").primaryKey();
                            t.column("naïve \\"quoted\\" name", "varchar(100)").notNull().defaultValue("'O''Brien; DROP TABLE x; --'");
                            t.column("from", "integer");
                            t.unique("naïve \\"quoted\\" name").name("uq \\"odd\\"");
                            t.index("from").name("ix select");
                        });
                    }
                }
                """);
        try (dev.retort.testing.Db db = dev.retort.testing.Db.create(dialect, tmp)) {
            p.env.put("DATABASE_URL", db.url());
            assertThat(p.run("init").exit()).isZero();
            Project.Result rev = p.run("revision", "--autogenerate", "-m", "odd names");
            assertThat(rev.exit()).as(rev.toString()).isZero();
            Project.Result up = p.run("upgrade", "head");
            assertThat(up.exit()).as(up.toString()).isZero();
            assertThat(db.tables()).contains("public.Order `Items`");
            String q = dialect.equals("mysql") ? "`Order ``Items```" : "\"Order `Items`\"";
            db.execute("INSERT INTO " + q + " (" + (dialect.equals("mysql") ? "`select`" : "\"select\"") + ") VALUES (1)");
            assertThat(db.query("SELECT * FROM " + q).get(0)).contains("O'Brien; DROP TABLE x; --");
            Project.Result check = p.run("check");
            assertThat(check.exit()).as(check.toString()).isZero();
            Project.Result down = p.run("downgrade", "base");
            assertThat(down.exit()).as(down.toString()).isZero();
            assertThat(db.tables()).doesNotContain("public.Order `Items`");
        }
    }

    @Test
    void aRevisionDeclaredNonTransactionalRunsOutsideATransaction() {
        Project p = Project.stratsim(tmp);
        String head = p.run("heads").out().split(" ")[0];
        p.write("migrations/versions/conc.java", "import dev.retort.api.*;\n"
                + "@Revision(id = \"conc1\", parents = \"" + head + "\", message = \"index concurrently\", transactional = false)\n"
                + "class Rconc1 implements Migration {\n"
                + "    public void upgrade(Operations op) { op.execute(\"CREATE INDEX CONCURRENTLY ix_account_name ON public.account (display_name)\"); }\n"
                + "    public void downgrade(Operations op) { op.execute(\"DROP INDEX CONCURRENTLY public.ix_account_name\"); }\n}\n");
        try (PgDatabase db = PgDatabase.create()) {
            p.env.put("DATABASE_URL", db.url());
            Project.Result script = p.run("upgrade", "head", "--sql");
            String conc = script.out().substring(script.out().indexOf("-- Running upgrade " + head + " -> conc1"));
            assertThat(conc).contains("CREATE INDEX CONCURRENTLY").doesNotContain("BEGIN;").doesNotContain("COMMIT;");
            Project.Result up = p.run("upgrade", "head");
            assertThat(up.exit()).as(up.toString()).isZero();
            assertThat(db.query("select indexname from pg_indexes where indexname = 'ix_account_name'")).containsExactly(List.of("ix_account_name"));
            assertThat(db.query("select version_num from retort_version")).containsExactly(List.of("conc1"));
            assertThat(p.run("downgrade", "-1").exit()).isZero();
            assertThat(db.query("select indexname from pg_indexes where indexname = 'ix_account_name'")).isEmpty();
        }
    }
}
