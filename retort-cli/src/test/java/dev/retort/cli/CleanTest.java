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

/** clean: every object of the managed schemas gone, nothing else touched, and the three guards. */
@Tag("database")
class CleanTest {
    @TempDir Path tmp;

    Project project(Db db, String toml) {
        Project p = new Project(tmp.resolve("p"));
        p.env.put("DATABASE_URL", db.url());
        assertThat(p.run("init").exit()).isZero();
        p.write("retort.toml", toml + "\nscript_location = \"migrations\"\n");
        p.write("migrations/versions/c1.java", """
                import dev.retort.api.*;
                @Revision(id = "c1", message = "tables, a view")
                class Rc1 implements Migration {
                    public void upgrade(Operations op) {
                        op.createTable("public", "account", t -> t.column("id", "bigint").identity().primaryKey());
                        op.createTable("public", "note", t -> {
                            t.column("id", "bigint").primaryKey();
                            t.column("account_id", "bigint").references("public", "account", "id");
                        });
                        op.execute("CREATE VIEW account_ids AS SELECT id FROM account");
                    }
                    public void downgrade(Operations op) { }
                }
                """);
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mysql", "sqlite", "h2"})
    void cleanDropsEveryObjectOfTheManagedSchemasAndStartsAgainFromBase(String dialect) {
        try (Db db = Db.create(dialect, tmp)) {
            Project p = project(db, "schemas = [\"public\"]\nclean_enabled = true");
            assertThat(p.run("upgrade", "head").exit()).isZero();
            if (dialect.equals("postgresql")) {
                db.execute("CREATE FUNCTION answer() RETURNS int LANGUAGE sql AS 'SELECT 42'");
                db.execute("CREATE TYPE mood AS ENUM ('ok')");
            }
            Project.Result r = p.run("clean");
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out()).contains("DROP VIEW IF EXISTS").contains("the database is at base");
            // Retort's lock table (MySQL, H2) stays: the lock is held while clean runs
            assertThat(db.tables()).allMatch(t -> t.equals("public.retort_version_lock"));
            if (dialect.equals("postgresql")) {
                assertThat(db.query("SELECT count(*) FROM pg_proc WHERE proname = 'answer'")).containsExactly(List.of("0"));
                assertThat(db.query("SELECT count(*) FROM pg_type WHERE typname = 'mood'")).containsExactly(List.of("0"));
            }
            assertThat(p.run("current").out()).startsWith("base");
            assertThat(p.run("upgrade", "head").exit()).isZero();
            assertThat(db.tables()).contains("public.account", "public.note");
        }
    }

    @Test
    void cleanIsRefusedUnlessEnabledWithSchemasAndOnThisMachine() {
        try (Db db = Db.create("postgresql", tmp)) {
            Project p = project(db, "schemas = [\"public\"]");
            assertThat(p.run("upgrade", "head").exit()).isZero();
            Project.Result off = p.run("clean");
            assertThat(off.exit()).isEqualTo(2);
            assertThat(off.err()).contains("clean is off: it drops every object in the managed schemas; set clean_enabled = true");
            p.write("retort.toml", "clean_enabled = true\nscript_location = \"migrations\"\n");
            assertThat(p.run("clean").err()).contains("list them as schemas = [...] in retort.toml");
            p.write("retort.toml", "clean_enabled = true\nschemas = [\"public\"]\nscript_location = \"migrations\"\n");
            p.env.put("DATABASE_URL", "postgresql://app:s3cret@db.example.com:5432/prod");
            Project.Result remote = p.run("clean");
            assertThat(remote.exit()).isEqualTo(2);
            assertThat(remote.err()).contains("clean refuses postgresql://app:***@db.example.com:5432/prod: it is not on this machine").doesNotContain("s3cret");
            assertThat(db.tables()).contains("public.account", "public.note");
        }
    }
}
