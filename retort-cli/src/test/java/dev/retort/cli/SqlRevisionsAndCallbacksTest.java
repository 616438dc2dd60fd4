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
 * What revisions can do beyond DDL, on every database: plain SQL revisions (placeholders, a downgrade section), Java
 * steps on the revision's connection ({@code op.jdbc}), run arguments ({@code -x}, {@code op.arg}) and callbacks, online
 * and offline.
 */
@Tag("database")
class SqlRevisionsAndCallbacksTest {
    @TempDir Path tmp;

    static final String SQL_REVISION = """
            -- @revision id=a1 message="notes, in SQL"
            -- a semicolon in a string, a comment and a quoted name; stays one statement each
            CREATE TABLE note (id integer PRIMARY KEY, body varchar(100), owner varchar(40) DEFAULT '${owner}');
            INSERT INTO note (id, body) VALUES (1, 'semi;colon'); -- trailing; comment
            INSERT INTO note (id, body) VALUES (2, 'it''s ${retort:revision}');
            -- @downgrade
            DROP TABLE note;
            """;

    static final String JAVA_REVISION = """
            import dev.retort.api.*;
            @Revision(id = "b2", parents = "a1", message = "tenant from -x")
            class Rb2 implements Migration {
                public void upgrade(Operations op) {
                    op.addColumn("public", "note", "tenant", "varchar(40)");
                    op.jdbc("fill tenant", c -> {
                        try (var s = c.prepareStatement("UPDATE note SET tenant = ?")) {
                            s.setString(1, op.arg("tenant"));
                            s.executeUpdate();
                        }
                    })%s;
                }
                public void downgrade(Operations op) {
                    // SQLite rebuilds a table to drop a column, and needs its definition, which raw SQL did not give
                    if (op.dialect().equals("sqlite")) op.execute("ALTER TABLE note DROP COLUMN tenant");
                    else op.dropColumn("public", "note", "tenant");
                }
            }
            """;

    Project project(Db db, String offline) {
        Project p = new Project(tmp);
        p.write("retort.toml", "[placeholders]\nowner = \"alice\"\n");
        p.env.put("DATABASE_URL", db.url());
        p.write("migrations/versions/001_notes.sql", SQL_REVISION);
        p.write("migrations/versions/002_tenant.java", JAVA_REVISION.formatted(offline));
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mysql", "sqlite", "h2"})
    void sqlRevisionsJavaStepsAndArgumentsRunUpAndDown(String dialect) {
        try (Db db = Db.create(dialect, tmp)) {
            Project p = project(db, "");
            Project.Result up = p.run("-x", "tenant=acme", "upgrade", "head");
            assertThat(up.exit()).as(up.toString()).isZero();
            assertThat(db.query("SELECT id, body, owner, tenant FROM note ORDER BY id")).containsExactly(
                    List.of("1", "semi;colon", "alice", "acme"), List.of("2", "it's a1", "alice", "acme"));
            assertThat(p.run("current").out()).startsWith("b2 (head)");
            Project.Result down = p.run("downgrade", "base");
            assertThat(down.exit()).as(down.toString()).isZero();
            assertThat(db.tables()).doesNotContain("public.note");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mysql"})
    void aFailingJavaStepRollsBackItsRevisionAndNamesIt(String dialect) {
        try (Db db = Db.create(dialect, tmp)) {
            Project p = project(db, "");
            Project.Result r = p.run("upgrade", "head"); // no -x tenant=...
            assertThat(r.exit()).as(r.toString()).isEqualTo(1);
            assertThat(r.err().strip()).startsWith("retort: error: revision b2 (").contains("[-- Java step 1: fill tenant]: argument 'tenant' is not given:"
                    + " pass -x tenant=VALUE or set it under [placeholders] in retort.toml");
            assertThat(r.err()).doesNotContain("\tat ");
            assertThat(p.run("current").out()).startsWith("a1");
            // the revision resumes where it failed once the argument is given
            Project.Result again = p.run("upgrade", "head", "-x", "tenant=zeta");
            assertThat(again.exit()).as(again.toString()).isZero();
            assertThat(db.query("SELECT DISTINCT tenant FROM note")).containsExactly(List.of("zeta"));
        }
    }

    @Test
    void offlineAJavaStepNeedsItsSqlAndPlaceholdersAreFilled() {
        try (Db db = Db.create("postgresql", tmp)) {
            Project p = project(db, "");
            Project.Result refused = p.run("upgrade", "head", "--sql");
            assertThat(refused.exit()).isEqualTo(2);
            assertThat(refused.out()).isEmpty();
            assertThat(refused.err().strip()).isEqualTo("retort: error: " + tmp.resolve("migrations/versions/002_tenant.java")
                    + ": Java step 'fill tenant' runs Java, which an offline script cannot hold; give the SQL to write in its place with"
                    + " op.jdbc(...).offline(\"...\"), or run 'upgrade' online");
            p.write("migrations/versions/002_tenant.java", JAVA_REVISION.formatted(".offline(\"UPDATE note SET tenant = 'acme'\")"));
            Project.Result script = p.run("upgrade", "head", "--sql", "-x", "owner=bob");
            assertThat(script.exit()).as(script.toString()).isZero();
            assertThat(script.out()).contains("CREATE TABLE note (id integer PRIMARY KEY, body varchar(100), owner varchar(40) DEFAULT 'bob');\n")
                    .contains("INSERT INTO note (id, body) VALUES (2, 'it''s a1');\n").contains("UPDATE note SET tenant = 'acme';\n")
                    .doesNotContain("${").doesNotContain("@downgrade");
            assertThat(db.tables()).isEmpty();
        }
    }

    @Test
    void aFileInTheRevisionFolderThatIsNoRevisionIsWarnedAbout() throws Exception {
        Project p = new Project(tmp);
        p.write("migrations/versions/001_notes.sql", SQL_REVISION);
        p.write("migrations/versions/README.txt", "not a revision");
        p.write("migrations/versions/.gitkeep", "");
        Path log = tmp.resolve("log");
        int exit = Processes.retort(tmp, java.util.Map.of(), log, "heads").start().waitFor();
        assertThat(exit).isZero();
        assertThat(Processes.read(log)).contains("WARN " + tmp.resolve("migrations/versions/README.txt")
                + " is not a revision (revisions are .java or .sql files): ignored").contains("a1 (head)").doesNotContain(".gitkeep");
    }

    @Test
    void sqlRevisionMistakesAreNamedAndChangeNothing() {
        try (Db db = Db.create("postgresql", tmp)) {
            Project p = project(db, "");
            p.edit("migrations/versions/001_notes.sql", "'${owner}'", "'${nobody}'");
            Project.Result r = p.run("upgrade", "head", "-x", "tenant=t");
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err().strip()).isEqualTo("retort: error: " + tmp.resolve("migrations/versions/001_notes.sql")
                    + ": placeholder ${nobody} has no value: set it under [placeholders] in retort.toml or pass -x nobody=VALUE");
            assertThat(db.tables()).isEmpty();

            p.write("migrations/versions/001_notes.sql", SQL_REVISION.replace("${owner}", "x").replace("-- @downgrade\nDROP TABLE note;\n", ""));
            assertThat(p.run("upgrade", "a1").exit()).isZero();
            Project.Result down = p.run("downgrade", "base");
            assertThat(down.exit()).isEqualTo(2);
            assertThat(down.err().strip()).isEqualTo("retort: error: " + tmp.resolve("migrations/versions/001_notes.sql")
                    + ": has no downgrade: add a line '-- @downgrade' followed by the statements that undo the upgrade");
            assertThat(db.tables()).contains("public.note");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mysql", "sqlite", "h2"})
    void sqlCallbacksRunAroundTheRunAndEachRevision(String dialect) {
        try (Db db = Db.create(dialect, tmp)) {
            Project p = project(db, "");
            p.write("migrations/callbacks/beforeMigrate.sql", "CREATE TABLE IF NOT EXISTS audit (what varchar(100));\n");
            p.write("migrations/callbacks/afterEachRevision__log.sql", "INSERT INTO audit VALUES ('${retort:direction} ${retort:revision}');\n");
            p.write("migrations/callbacks/afterMigrate.sql", "INSERT INTO audit VALUES ('done ${retort:direction}');\n");
            p.write("migrations/callbacks/afterMigrateError.sql", "INSERT INTO audit VALUES ('failed');\n");
            assertThat(p.run("upgrade", "a1").exit()).isZero();
            Project.Result failed = p.run("upgrade", "head"); // b2 has no tenant argument
            assertThat(failed.exit()).as(failed.toString()).isEqualTo(1);
            assertThat(p.run("upgrade", "head").exit()).isEqualTo(1);
            Project.Result ok = p.run("upgrade", "head", "-x", "tenant=t");
            assertThat(ok.exit()).as(ok.toString()).isZero();
            Project.Result nothing = p.run("upgrade", "head", "-x", "tenant=t");
            assertThat(nothing.exit()).isZero();
            assertThat(db.query("SELECT what FROM audit").stream().map(row -> row.get(0)).toList()).containsExactly(
                    "upgrade a1", "done upgrade", "failed", "failed", "upgrade b2", "done upgrade", "done upgrade");
        }
    }

    @Test
    void javaCallbacksAndBadCallbackFiles() {
        try (Db db = Db.create("postgresql", tmp)) {
            Project p = project(db, "");
            p.write("callbacks/audit/Audit.java", """
                    package audit;
                    import dev.retort.api.Callback;
                    public class Audit implements Callback {
                        public void handle(Event event, Context c) throws Exception {
                            try (var s = c.connection().createStatement()) {
                                s.execute("CREATE TABLE IF NOT EXISTS audit (what text)");
                            }
                            try (var s = c.connection().prepareStatement("INSERT INTO audit VALUES (?)")) {
                                s.setString(1, event + " " + c.direction() + " " + c.revision() + (c.error() == null ? "" : " error"));
                                s.executeUpdate();
                            }
                        }
                    }
                    """);
            p.write("retort.toml", "callbacks = [\"audit.Audit\"]\n[models]\nsources = [\"callbacks\"]\n[placeholders]\nowner = \"alice\"\n");
            Project.Result ok = p.run("upgrade", "head", "-x", "tenant=t");
            assertThat(ok.exit()).as(ok.toString()).isZero();
            assertThat(db.query("SELECT what FROM audit").stream().map(row -> row.get(0)).toList()).containsExactly(
                    "BEFORE_MIGRATE upgrade null", "AFTER_EACH_REVISION upgrade a1", "AFTER_EACH_REVISION upgrade b2", "AFTER_MIGRATE upgrade null");
            Project.Result script = p.run("downgrade", "head:base", "--sql");
            assertThat(script.out()).contains("-- callback audit.Audit afterEachRevision is Java: it does not run in an offline script");

            p.write("migrations/callbacks/beforeEverything.sql", "SELECT 1;");
            Project.Result bad = p.run("downgrade", "base");
            assertThat(bad.exit()).isEqualTo(2);
            assertThat(bad.err().strip()).isEqualTo("retort: error: " + tmp.resolve("migrations/callbacks/beforeEverything.sql")
                    + ": not a callback: callback files are named EVENT.sql or EVENT__description.sql, EVENT one of"
                    + " beforeMigrate, afterEachRevision, afterMigrate, afterMigrateError");
            assertThat(p.run("current").out()).startsWith("b2");
        }
    }
}
