package dev.retort.cli;

import org.junit.jupiter.api.Tag;
import dev.retort.testing.Db;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A column whose value the database sets on every update of its row (MySQL's and H2's ON UPDATE, the usual
 * {@code updated_at}): declared in a model, written by autogenerate, made by upgrade, kept when MySQL restates the
 * column for another change, read back so check agrees, and dropped again. PostgreSQL and SQLite have no such clause:
 * the column is made without it, with a warning, and check does not keep asking for it.
 */
@Tag("database")
class OnUpdateValueTest {
    @TempDir Path tmp;

    static final String MODEL = """
            package app;

            import dev.retort.model.*;

            public class Docs implements Model {
                @Override
                public void define(Metadata m) {
                    m.table("public", "doc", t -> {
                        t.column("id", "bigint").primaryKey();
                        t.column("body", "varchar(40)");
                        t.column("updated_at", "timestamptz").notNull().defaultValue("now()")ON_UPDATE;
                    });
                }
            }
            """;

    Project project(Db db) {
        Project p = new Project(tmp.resolve("project"));
        p.write("retort.toml", "script_location = \"migrations\"\nschemas = [\"public\"]\n\n[models]\npackages = [\"app.*\"]\nsources = [\"model\"]\n");
        p.write("model/app/Docs.java", MODEL.replace("ON_UPDATE", ".onUpdateValue(\"now()\")"));
        p.write("migrations/versions/.keep", "");
        p.env.put("DATABASE_URL", db.url());
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "h2", "postgresql", "sqlite"})
    void anOnUpdateValueIsMadeKeptReadBackAndDropped(String dialect) throws Exception {
        boolean has = dialect.equals("mysql") || dialect.equals("h2");
        try (Db db = Db.create(dialect, tmp)) {
            Project p = project(db);
            Project.Result gen = p.run("revision", "--autogenerate", "-m", "docs");
            assertThat(gen.exit()).as(gen.toString()).isZero();
            // as the models declare it, so the revision runs the same everywhere (generated on SQLite it keeps the clause,
            // which SQLite then leaves out with a warning); PostgreSQL's own revisions leave it out
            assertThat(source(p)).containsPattern("t\\.column\\(\"updated_at\", \"timestamptz\"\\)\\.notNull\\(\\)\\.defaultValue\\(\"now\\(\\)\"\\)"
                    + (!dialect.equals("postgresql") ? "\\.onUpdateValue\\(\"now\\(\\)\"\\);" : ";"));
            Project.Result up = p.run("upgrade", "head");
            assertThat(up.exit()).as(up.toString()).isZero();
            assertThat(onUpdate(dialect, db)).as("the clause the database holds").isEqualTo(has);
            Project.Result check = p.run("check");
            assertThat(check.exit()).as(check.toString()).isZero();
            if (!has) { // the warning, as a user sees it (the log goes to the process's standard error)
                Path log = tmp.resolve("check.log");
                Process run = Processes.retort(p.dir, p.env, log, "check").start();
                assertThat(run.waitFor()).as(Processes.read(log)).isZero();
                assertThat(Processes.read(log)).contains("has no ON UPDATE for columns: column ").contains("updated_at is left without onUpdateValue(now())");
            }

            if (has) {
                // the database sets it: an old value moves on when the row is updated
                db.execute("INSERT INTO doc (id, body, updated_at) VALUES (1, 'a', TIMESTAMP '2000-01-01 00:00:00')");
                db.execute("UPDATE doc SET body = 'b' WHERE id = 1");
                assertThat(db.query("SELECT count(*) FROM doc WHERE updated_at > TIMESTAMP '2001-01-01 00:00:00'").get(0).get(0)).isEqualTo("1");

                // another change to the column restates it on MySQL: the clause stays
                p.edit("model/app/Docs.java", ".notNull().defaultValue(\"now()\")", ".defaultValue(\"now()\")");
                assertThat(p.run("revision", "--autogenerate", "-m", "nullable").exit()).isZero();
                assertThat(p.run("upgrade", "head").exit()).isZero();
                assertThat(onUpdate(dialect, db)).as("kept through another change").isTrue();
                assertThat(p.run("check").exit()).isZero();
            }

            p.edit("model/app/Docs.java", ".onUpdateValue(\"now()\")", "");
            Project.Result changed = p.run("check");
            if (!has) {
                assertThat(changed.exit()).as(changed.toString()).isZero();
                return;
            }
            assertThat(changed.exit()).as(changed.toString()).isEqualTo(1);
            assertThat(changed.out()).contains("alter column public.doc.updated_at (on update ");
            Project.Result drop = p.run("revision", "--autogenerate", "-m", "no on update");
            assertThat(drop.exit()).as(drop.toString()).isZero();
            assertThat(source(p)).contains(".dropOnUpdateValue();");
            assertThat(p.run("upgrade", "head").exit()).isZero();
            assertThat(onUpdate(dialect, db)).isFalse();
            assertThat(p.run("check").exit()).isZero();
            Project.Result down = p.run("downgrade", "-1");
            assertThat(down.exit()).as(down.toString()).isZero();
            assertThat(onUpdate(dialect, db)).as("the downgrade sets it again").isTrue();
        }
    }

    /** Every revision's source, one after another. */
    static String source(Project p) {
        StringBuilder all = new StringBuilder();
        for (Path f : p.revisions()) all.append(p.read(p.dir.relativize(f).toString()));
        return all.toString();
    }

    static boolean onUpdate(String dialect, Db db) {
        return switch (dialect) {
            case "mysql" -> db.query("SHOW CREATE TABLE doc").get(0).get(1).toLowerCase(java.util.Locale.ROOT).contains("on update current_timestamp(6)");
            case "h2" -> db.query("SELECT COLUMN_ON_UPDATE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'doc' AND COLUMN_NAME = 'updated_at'")
                    .get(0).get(0) != null;
            default -> false;
        };
    }
}
