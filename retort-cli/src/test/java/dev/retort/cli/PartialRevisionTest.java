package dev.retort.cli;

import org.junit.jupiter.api.Tag;
import dev.retort.testing.Db;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On databases whose DDL commits as it runs (MySQL/MariaDB, H2), a revision that fails part-way cannot be rolled
 * back: the failure names the statements that ran, the version table stays where it was, current and history show
 * the revision as failed, and after the fix a re-run carries on after the statements that ran.
 */
@Tag("database")
class PartialRevisionTest {
    @TempDir Path tmp;

    static final String REVISION = """
            import dev.retort.api.Migration;
            import dev.retort.api.Operations;
            import dev.retort.api.Revision;

            @Revision(id = "aa11bb22cc33", message = "three tables and a row")
            class Raa11bb22cc33 implements Migration {
                @Override
                public void upgrade(Operations op) {
                    op.createTable("public", "alpha", t -> t.column("id", "bigint").primaryKey());
                    op.createTable("public", "beta", t -> t.column("id", "bigint").primaryKey());
                    op.execute("INSERT INTO THIRD VALUES (1)");
                    op.createTable("public", "gamma", t -> t.column("id", "bigint").primaryKey());
                }

                @Override
                public void downgrade(Operations op) {
                    op.dropTable("public", "gamma");
                    op.dropTable("public", "beta");
                    op.dropTable("public", "alpha");
                }
            }
            """;

    Project project(Db db) {
        Project p = new Project(tmp.resolve("project"));
        p.write("retort.toml", "script_location = \"migrations\"\n");
        p.write("migrations/versions/2026_11_25_0001_aa11bb22cc33_three_tables.java", REVISION.replace("THIRD", "missing_table"));
        p.env.put("DATABASE_URL", db.url());
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mysql"})
    void aRevisionFailingAtItsThirdStatementIsReportedAndResumedAfterTheFix(String dialect) {
        try (Db db = Db.create(dialect, tmp)) {
            Project p = project(db);
            Project.Result up = p.run("upgrade", "head");
            assertThat(up.exit()).as(up.toString()).isEqualTo(1);
            assertThat(up.err()).startsWith("retort: error: revision aa11bb22cc33 (").contains("failed at statement 3 of 4 [INSERT INTO missing_table VALUES (1)]")
                    .contains("statements 1-2 ran and stay applied, the version table still says base")
                    .contains("run 'retort upgrade' again to carry on from statement 3");
            assertThat(up.err().strip().lines()).hasSize(1);
            assertThat(db.tables()).contains("public.alpha", "public.beta").doesNotContain("public.gamma");
            assertThat(db.query("SELECT COUNT(*) FROM retort_version")).containsExactly(List.of("0"));

            Project.Result current = p.run("current");
            assertThat(current.exit()).isEqualTo(1);
            assertThat(current.out()).contains("aa11bb22cc33 (failed), revision aa11bb22cc33 failed part-way through its upgrade (2 of its statements ran");
            assertThat(current.err()).contains("fix it and run 'retort upgrade' to carry on, or undo what ran by hand and run 'retort repair'");
            assertThat(p.run("history", "-i").out()).contains("aa11bb22cc33 (head) (failed: 2 statement(s) ran)");

            p.edit("migrations/versions/2026_11_25_0001_aa11bb22cc33_three_tables.java", "INSERT INTO missing_table", "INSERT INTO alpha");
            Project.Result again = p.run("upgrade", "head");
            assertThat(again.exit()).as(again.toString()).isZero();
            assertThat(db.tables()).contains("public.alpha", "public.beta", "public.gamma");
            assertThat(db.query("SELECT COUNT(*) FROM alpha")).containsExactly(List.of("1"));
            assertThat(db.query("SELECT version_num FROM retort_version")).containsExactly(List.of("aa11bb22cc33"));
            Project.Result now = p.run("current");
            assertThat(now.exit()).as(now.toString()).isZero();
            assertThat(now.out()).doesNotContain("failed");
            assertThat(p.run("downgrade", "base").exit()).isZero();
            assertThat(db.tables()).doesNotContain("public.alpha", "public.beta", "public.gamma");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mysql"})
    void whenTheStatementsThatRanChangedTheRunRefusesUntilRepaired(String dialect) {
        try (Db db = Db.create(dialect, tmp)) {
            Project p = project(db);
            assertThat(p.run("upgrade", "head").exit()).isEqualTo(1);
            String file = "migrations/versions/2026_11_25_0001_aa11bb22cc33_three_tables.java";
            p.edit(file, "\"beta\"", "\"beta2\"");
            p.edit(file, "INSERT INTO missing_table", "INSERT INTO alpha");
            Project.Result refused = p.run("upgrade", "head");
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).contains("revision aa11bb22cc33 failed part-way through its upgrade (2 of 4 statements ran")
                    .contains("the statements that ran have changed since, so it cannot resume; undo what ran by hand, then run 'retort repair'");
            assertThat(db.tables()).doesNotContain("public.beta2");

            db.execute("DROP TABLE beta");
            db.execute("DROP TABLE alpha");
            Project.Result repair = p.run("repair");
            assertThat(repair.exit()).as(repair.toString()).isZero();
            assertThat(repair.out()).contains("aa11bb22cc33 (failed upgrade cleared)");
            Project.Result up = p.run("upgrade", "head");
            assertThat(up.exit()).as(up.toString()).isZero();
            assertThat(db.tables()).contains("public.alpha", "public.beta2", "public.gamma");
        }
    }
}
