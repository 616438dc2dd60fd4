package dev.retort.cli;

import dev.retort.testing.Db;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Changes to tables that hold rows: safe rendering on PostgreSQL (indexes built concurrently, keys and checks added
 * NOT VALID then validated, a NOT NULL column added stepwise), the lint pass of autogenerate and offline scripts, and
 * rename hints, on PostgreSQL and SQLite.
 */
@Tag("database")
class SafeChangesTest {
    @TempDir Path tmp;

    static final String SAFE_REVISION = """
            import dev.retort.api.Migration;
            import dev.retort.api.Operations;
            import dev.retort.api.Revision;

            @Revision(id = "s1", parents = "%s", message = "safe changes to accounts")
            class Rs1 implements Migration {
                @Override
                public void upgrade(Operations op) {
                    op.createIndex("public", "account", "account_display_name_idx", "display_name").concurrently();
                    op.addColumn("public", "account", "referrer_id", "bigint");
                    op.createForeignKey("public", "account", "account_referrer_fk", "referrer_id").references("public", "account", "id").notValid();
                    op.createCheckConstraint("public", "account", "account_email_check", "email <> ''").notValid();
                    op.addColumn("public", "account", "token", "text").notNull().defaultValue("'pending'").stepwise();
                }

                @Override
                public void downgrade(Operations op) {
                    op.dropColumn("public", "account", "token");
                    op.dropConstraint("public", "account", "account_email_check");
                    op.dropConstraint("public", "account", "account_referrer_fk");
                    op.dropColumn("public", "account", "referrer_id");
                    op.dropIndex("public", "account", "account_display_name_idx");
                }
            }
            """;

    Project stratsim(Db db) { return Project.stratsimOn(tmp.resolve("p"), db); }

    static String head(Project p) { return p.head(); }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "sqlite"})
    void safeOperationsRunOnATableWithRows(String dialect) {
        try (Db db = Db.create(dialect, tmp)) {
            Project p = stratsim(db);
            assertThat(p.run("upgrade", "head").exit()).isZero();
            db.execute("INSERT INTO account (email, display_name) VALUES ('a@x', 'A'), ('b@x', 'B')");
            p.write("migrations/versions/s1.java", SAFE_REVISION.formatted(head(p)));
            Project.Result up = p.run("upgrade", "head");
            assertThat(up.exit()).as(up.toString()).isZero();
            assertThat(db.query("SELECT email, token IS NOT NULL FROM account ORDER BY email")).hasSize(2).allMatch(r -> List.of("t", "true", "1").contains(r.get(1)));
            if (dialect.equals("postgresql")) {
                // CONCURRENTLY cannot run in a transaction: the revision ran statement by statement
                assertThat(db.query("SELECT indisvalid FROM pg_index WHERE indexrelid = 'account_display_name_idx'::regclass")).containsExactly(List.of("t"));
                assertThat(db.query("SELECT conname, convalidated FROM pg_constraint WHERE conname IN ('account_referrer_fk', 'account_email_check', 'account_token_not_null') ORDER BY 1"))
                        .containsExactly(List.of("account_email_check", "t"), List.of("account_referrer_fk", "t"));
                assertThat(db.query("SELECT is_nullable FROM information_schema.columns WHERE table_name = 'account' AND column_name = 'token'"))
                        .containsExactly(List.of("NO"));
            }
            assertThat(p.run("downgrade", "-1").exit()).isZero();
            assertThat(p.run("upgrade", "head").exit()).isZero();
        }
    }

    @Test
    void theOfflineScriptShowsTheSafeStatementsOutsideATransactionAndItsLintPassWarns() throws Exception {
        Project p = Project.stratsim(tmp.resolve("p"));
        String parent = head(p);
        p.write("migrations/versions/s1.java", SAFE_REVISION.formatted(parent));
        p.write("migrations/versions/s2.java", """
                import dev.retort.api.*;
                @Revision(id = "s2", parents = "s1", message = "unsafe index")
                class Rs2 implements Migration {
                    public void upgrade(Operations op) { op.createIndex("public", "account", "account_email_idx", "email"); }
                    public void downgrade(Operations op) { op.dropIndex("public", "account", "account_email_idx"); }
                }
                """);
        Path log = tmp.resolve("log");
        int exit = Processes.retort(p.dir, java.util.Map.of(), log, "upgrade", parent + ":head", "--sql", "--url", "postgresql://").start().waitFor();
        String out = Processes.read(log);
        assertThat(exit).as(out).isZero();
        assertThat(out).contains("CREATE INDEX CONCURRENTLY \"account_display_name_idx\" ON \"public\".\"account\" (\"display_name\");")
                .contains("ADD CONSTRAINT \"account_referrer_fk\" FOREIGN KEY (\"referrer_id\") REFERENCES \"public\".\"account\" (\"id\") NOT VALID;")
                .contains("ALTER TABLE \"public\".\"account\" VALIDATE CONSTRAINT \"account_referrer_fk\";")
                .contains("UPDATE \"public\".\"account\" SET \"token\" = 'pending' WHERE \"token\" IS NULL;")
                .contains("WARN Lint: warning index-not-concurrent in s2 (");
        String s1 = out.substring(out.indexOf("-- Running upgrade " + parent + " -> s1"), out.indexOf("-- Running upgrade s1 -> s2"));
        assertThat(s1).doesNotContain("BEGIN;");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "sqlite"})
    void autogenerateGuessesARenameWithACommentAndLintsWhatItWrote(String dialect) {
        try (Db db = Db.create(dialect, tmp)) {
            Project p = stratsim(db);
            assertThat(p.run("upgrade", "head").exit()).isZero();
            db.execute("INSERT INTO account (email, display_name) VALUES ('a@x', 'Ann')");
            p.edit("model/stratsim/model/Accounts.java", "t.column(\"display_name\", \"varchar(100)\")", "t.column(\"full_name\", \"varchar(100)\")");
            // SQLite's trigger names the column too: it is made again with the new name around the rename
            p.edit("model/stratsim/model/Accounts.java", "AFTER UPDATE OF email, display_name", "AFTER UPDATE OF email, full_name");
            List<Path> before = p.revisions();
            Project.Result gen = p.run("revision", "--autogenerate", "-m", "full name");
            assertThat(gen.exit()).as(gen.toString()).isZero();
            assertThat(p.newestRevision(before)).contains("// Retort takes display_name (dropped) and full_name (added, same type) for one column of public.account renamed")
                    .contains("renameColumn(\"public\", \"account\", \"display_name\", \"full_name\");").doesNotContain("op.dropColumn");
            assertThat(gen.out()).contains("warning rename-column in ");
            assertThat(p.run("upgrade", "head").exit()).isZero();
            assertThat(db.query("SELECT full_name FROM account")).containsExactly(List.of("Ann"));
            assertThat(p.run("check").exit()).isZero();
        }
    }

    @Test
    void autogenerateGuessesARenameWithACommentOrAsksAndLintsWhatItWrote() {
        try (Db db = Db.create("postgresql", tmp)) {
            Project p = stratsim(db);
            assertThat(p.run("upgrade", "head").exit()).isZero();
            db.execute("INSERT INTO account (email, display_name) VALUES ('a@x', 'Ann')");
            p.edit("model/stratsim/model/Accounts.java", "t.column(\"display_name\", \"varchar(100)\")", "t.column(\"full_name\", \"varchar(100)\")");
            List<Path> before = p.revisions();
            Project.Result gen = p.run("revision", "--autogenerate", "-m", "full name");
            assertThat(gen.exit()).as(gen.toString()).isZero();
            String revision = p.newestRevision(before);
            assertThat(revision).contains("        // Retort takes display_name (dropped) and full_name (added, same type) for one column of public.account renamed,"
                    + " which keeps its values. If they are two columns, replace this with dropColumn and addColumn.\n"
                    + "        op.renameColumn(\"public\", \"account\", \"display_name\", \"full_name\");\n")
                    .doesNotContain("dropColumn(\"public\", \"account\", \"display_name\")");
            assertThat(gen.out()).contains("Lint (read these before committing").contains("warning rename-column in ");
            assertThat(p.run("upgrade", "head").exit()).isZero();
            assertThat(db.query("SELECT full_name FROM account")).containsExactly(List.of("Ann"));
            assertThat(p.run("check").exit()).isZero();

            // a changed type too: only --rename takes them for one column, and changes the type after renaming
            p.edit("model/stratsim/model/Accounts.java", "t.column(\"full_name\", \"varchar(100)\")", "t.column(\"name\", \"varchar(200)\")");
            List<Path> before2 = p.revisions();
            Project.Result forced = p.run("revision", "--autogenerate", "-m", "name", "--rename", "public.account.full_name=public.account.name");
            assertThat(forced.exit()).as(forced.toString()).isZero();
            String second = p.newestRevision(before2);
            assertThat(second).contains("op.renameColumn(\"public\", \"account\", \"full_name\", \"name\");\n        op.alterColumn(\"public\", \"account\", \"name\")"
                    + ".existingType(\"varchar(100)\").type(\"varchar(200)\");").doesNotContain("// Retort takes");
            assertThat(p.run("upgrade", "head").exit()).isZero();
            assertThat(db.query("SELECT name FROM account")).containsExactly(List.of("Ann"));
            assertThat(p.run("check").exit()).isZero();
            Project.Result wrong = p.run("revision", "--autogenerate", "-m", "x", "--rename", "public.account.nope=public.account.other");
            assertThat(wrong.exit()).isEqualTo(2);
            assertThat(wrong.err()).contains("--rename public.account.nope=public.account.other: autogenerate neither drops public.account.nope nor adds"
                    + " public.account.other");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mysql"})
    void aLockTimeoutFailsTheRevisionInsteadOfQueueingBehindALongTransaction(String dialect) throws Exception {
        try (Db db = Db.create(dialect, tmp)) {
            Project p = new Project(tmp.resolve("p"));
            p.env.put("DATABASE_URL", db.url());
            assertThat(p.run("init").exit()).isZero();
            p.write("migrations/versions/t0.java", """
                    import dev.retort.api.*;
                    @Revision(id = "t0", message = "accounts")
                    class Rt0 implements Migration {
                        public void upgrade(Operations op) {
                            op.createTable("public", "account", t -> t.column("id", "bigint").primaryKey());
                            op.bulkInsert("public", "account").columns("id").row(1).row(2);
                        }
                        public void downgrade(Operations op) { op.dropTable("public", "account"); }
                    }
                    """);
            assertThat(p.run("upgrade", "head").exit()).isZero();
            p.write("migrations/versions/t1.java", """
                    import dev.retort.api.*;
                    @Revision(id = "t1", parents = "%s", message = "nickname, waiting for a lock one second at most")
                    class Rt1 implements Migration {
                        public void upgrade(Operations op) {
                            op.lockTimeout("1s");
                            op.addColumn("public", "account", "nickname", "text");
                        }
                        public void downgrade(Operations op) { op.dropColumn("public", "account", "nickname"); }
                    }
                    """.formatted(p.head()));
            assertThat(p.run("upgrade", "head", "--sql", "--url", "postgresql://").out()).contains("SET LOCAL lock_timeout = '1000ms';");
            // another session holds the table: without the timeout the upgrade would wait until it lets go (20 s here)
            try (java.sql.Connection other = db.connect(); java.sql.Statement s = other.createStatement()) {
                other.setAutoCommit(false);
                s.execute(dialect.equals("postgresql") ? "LOCK TABLE account IN ACCESS EXCLUSIVE MODE" : "SELECT * FROM account");
                Thread release = new Thread(() -> {
                    try {
                        Thread.sleep(20_000);
                        other.rollback();
                    } catch (Exception ignored) {
                        // closed already
                    }
                });
                release.setDaemon(true);
                release.start();
                Project.Result r = p.run("upgrade", "head");
                assertThat(r.exit()).as(r.toString()).isEqualTo(1);
                assertThat(r.err()).containsAnyOf("lock timeout", "Lock wait timeout exceeded");
                other.rollback();
            }
            assertThat(p.run("upgrade", "head").exit()).isZero();
            assertThat(db.query("SELECT count(*) FROM account WHERE nickname IS NULL")).containsExactly(List.of("2"));
        }
    }

    @Test
    void aRenameTheUserDeniesStaysADropAndAnAdd() {
        try (Db db = Db.create("postgresql", tmp)) {
            Project p = stratsim(db);
            assertThat(p.run("upgrade", "head").exit()).isZero();
            p.edit("model/stratsim/model/Accounts.java", "t.column(\"display_name\", \"varchar(100)\")", "t.column(\"full_name\", \"varchar(100)\")");
            var config = new dev.retort.config.ConfigLoader(p.env).load(p.file("retort.toml"), true, null);
            List<String> asked = new java.util.ArrayList<>();
            java.util.Optional<Path> written = dev.retort.Retort.create(config).revision("two columns", true, java.util.Map.of(), (what, from, to) -> {
                asked.add(what + " " + from + " -> " + to);
                return false;
            });
            assertThat(asked).containsExactly("column public.account.display_name -> public.account.full_name");
            assertThat(p.read(p.dir.relativize(written.orElseThrow()).toString())).contains("op.dropColumn(\"public\", \"account\", \"display_name\");")
                    .contains("op.addColumn(\"public\", \"account\", \"full_name\", \"varchar(100)\")").doesNotContain("renameColumn");
        }
    }

    @Test
    void safeDdlWritesSafeOperationsForTablesThatExist() {
        try (Db db = Db.create("postgresql", tmp)) {
            Project p = stratsim(db);
            p.edit("retort.toml", "transaction_per = \"migration\"", "transaction_per = \"migration\"\nsafe_ddl = true");
            assertThat(p.run("upgrade", "head").exit()).isZero();
            p.edit("model/stratsim/model/Accounts.java", "t.index(\"created_at\");", "t.index(\"created_at\");\n            t.index(\"display_name\");");
            List<Path> before = p.revisions();
            assertThat(p.run("revision", "--autogenerate", "-m", "index names").exit()).isZero();
            assertThat(p.newestRevision(before)).contains("op.createIndex(\"public\", \"account\", \"account_display_name_idx\", \"display_name\").concurrently();");
            assertThat(p.run("upgrade", "head").exit()).isZero();
            assertThat(p.run("check").exit()).isZero();
        }
    }
}
