package dev.retort.cli;

import dev.retort.testing.Db;
import dev.retort.testing.MariaDb;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Adopting databases that already hold the schema (made by hand, by Alembic, by Flyway) with {@code baseline}, and
 * the JSON output of the commands programs read, on PostgreSQL and SQLite.
 */
@Tag("database")
class AdoptionAndJsonTest {
    @TempDir Path tmp;

    /** The stratsim example's two revisions applied elsewhere, then only the schema copied: no version table. */
    static String schemaOnly(Project p, Db db) {
        Project.Result script = p.run("upgrade", "head", "--sql", "--url", db.url());
        assertThat(script.exit()).as(script.toString()).isZero();
        return script.out();
    }

    Project stratsim(Db db) { return Project.stratsimOn(tmp.resolve("project"), db); }

    /** Makes the stratsim schema with Retort on the database, then drops Retort's tables: a database made by another tool. */
    static void madeElsewhere(Project p, Db db) {
        assertThat(p.run("upgrade", "head").exit()).isZero();
        db.execute("DROP TABLE retort_version_history");
        db.execute("DROP TABLE retort_version");
    }

    static String head(Project p) { return p.head(); }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "sqlite"})
    void baselineRecordsHeadOnADatabaseThatHoldsItsSchemaAndRefusesOneThatDoesNot(String dialect) {
        try (Db db = Db.create(dialect, tmp)) {
            Project p = stratsim(db);
            madeElsewhere(p, db);
            // a column the revisions do not make: refused, listing it, nothing recorded
            db.execute("ALTER TABLE account ADD COLUMN nickname varchar(40)");
            Project.Result refused = p.run("baseline");
            assertThat(refused.exit()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.out()).isEqualTo("The database differs from the schema of revision " + head(p) + "; nothing was recorded:\n"
                    + "  drop column public.account.nickname\n");
            assertThat(db.tables()).doesNotContain("public.retort_version");
            db.execute("ALTER TABLE account DROP COLUMN nickname");
            Project.Result ok = p.run("baseline");
            assertThat(ok.exit()).as(ok.toString()).isZero();
            assertThat(ok.out()).isEqualTo("Recorded the database at " + head(p) + " (baseline)\n");
            assertThat(p.run("check").exit()).isZero();
            assertThat(p.run("upgrade", "head").out()).startsWith("Already at head");
            Project.Result again = p.run("baseline");
            assertThat(again.exit()).isEqualTo(2);
            assertThat(again.err()).contains("the database already records revision(s) " + head(p) + " in public.retort_version: baseline adopts"
                    + " a database with no revision recorded; move the record with 'retort stamp'");
        }
    }

    /**
     * A table beside the schema that no revision makes is someone else's: baseline names it and records the database;
     * a refusal (here a column the revisions do not make) leaves nothing behind, not even the lock's note (issue 30
     * item 17).
     */
    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mysql", "sqlite", "h2"})
    void baselineNamesATableNoRevisionMakesAndARefusalLeavesNothing(String dialect) {
        try (Db db = Db.create(dialect, tmp); MariaDb.Lease lease = dialect.equals("mysql") ? MariaDb.stratsimDatabase() : null) {
            Project p = stratsim(db);
            madeElsewhere(p, db);
            if (dialect.equals("mysql")) db.execute("DROP TABLE retort_version_lock");
            db.execute("CREATE TABLE legacy (id int PRIMARY KEY)");
            db.execute("ALTER TABLE account ADD COLUMN nickname varchar(40)");
            List<String> before = db.tables();
            Project.Result refused = p.run("baseline");
            assertThat(refused.exit()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.out()).as(refused.toString()).doesNotContain("legacy").contains("drop column public.account.nickname");
            assertThat(db.tables()).as("a refused baseline leaves what it found").isEqualTo(before);
            db.execute("ALTER TABLE account DROP COLUMN nickname");
            Project.Result ok = p.run("baseline");
            assertThat(ok.exit()).as(ok.toString()).isZero();
            assertThat(ok.out()).isEqualTo("Recorded the database at " + head(p) + " (baseline)\n");
            assertThat(db.tables()).contains("public.legacy", "public.retort_version");
        }
    }

    @Test
    void aDatabaseAlembicMadeIsAdoptedFromItsVersionOrRunOnItsVersionTable() {
        try (Db db = Db.create("postgresql", tmp)) {
            Project p = stratsim(db);
            String first = p.run("history").out().lines().toList().get(1).split(" -> ")[1].split(",")[0];
            assertThat(p.run("upgrade", first).exit()).isZero();
            db.execute("DROP TABLE retort_version_history");
            db.execute("DROP TABLE retort_version");
            // alembic_version as Alembic makes it, holding a revision whose id the ported revision kept
            db.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))");
            db.execute("INSERT INTO alembic_version VALUES ('" + first + "')");
            Project.Result adopted = p.run("baseline", "--from", "alembic");
            assertThat(adopted.exit()).as(adopted.toString()).isZero();
            assertThat(adopted.out()).isEqualTo("Imported " + first + ": the version public.alembic_version recorded\nRecorded the database at " + first
                    + " (baseline)\npublic.alembic_version stays: drop it when its record is no longer needed (until then check and autogenerate see a"
                    + " table the models lack; or list it under exclude_tables)\n");
            assertThat(p.run("upgrade", "head").exit()).isZero();
            assertThat(db.tables()).contains("stratsim.scenario");

            // or keep Alembic's table as Retort's version table: upgrade makes the history table beside it
            try (Db other = Db.create("postgresql", tmp)) {
                Project q = Project.stratsim(tmp.resolve("q"));
                q.env.put("DATABASE_URL", other.url());
                q.edit("retort.toml", "transaction_per = \"migration\"", "transaction_per = \"migration\"\nversion_table = \"alembic_version\"");
                other.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))");
                Project.Result up = q.run("upgrade", "head");
                assertThat(up.exit()).as(up.toString()).isZero();
                assertThat(other.query("SELECT version_num FROM alembic_version")).containsExactly(List.of(head(q)));
                assertThat(other.tables()).contains("public.alembic_version_history");
                assertThat(q.run("stamp", first).exit()).isZero();
                assertThat(other.query("SELECT version_num FROM alembic_version")).containsExactly(List.of(first));
            }
        }
    }

    @Test
    void aDatabaseFlywayMadeBringsItsHistoryAlongAndAFailedFlywayMigrationStopsIt() {
        try (Db db = Db.create("postgresql", tmp)) {
            Project p = stratsim(db);
            madeElsewhere(p, db);
            // flyway_schema_history as Flyway's documentation lays it out
            db.execute("CREATE TABLE flyway_schema_history (installed_rank INT NOT NULL PRIMARY KEY, version VARCHAR(50), description VARCHAR(200) NOT NULL,"
                    + " type VARCHAR(20) NOT NULL, script VARCHAR(1000) NOT NULL, checksum INT, installed_by VARCHAR(100) NOT NULL,"
                    + " installed_on TIMESTAMP NOT NULL DEFAULT now(), execution_time INT NOT NULL, success BOOLEAN NOT NULL)");
            db.execute("INSERT INTO flyway_schema_history VALUES (1, '1', 'create accounts', 'SQL', 'V1__create_accounts.sql', 12345, 'app', '2026-01-02 03:04:05', 10, true),"
                    + " (2, '2', 'scenarios', 'SQL', 'V2__scenarios.sql', -5, 'app', '2026-02-03 04:05:06', 12, false)");
            Project.Result failed = p.run("baseline", "--from", "flyway");
            assertThat(failed.exit()).isEqualTo(2);
            assertThat(failed.err().strip()).isEqualTo("retort: error: public.flyway_schema_history records a failed migration (version 2,"
                    + " V2__scenarios.sql): settle it with Flyway's repair first; nothing was recorded");
            assertThat(db.tables()).doesNotContain("public.retort_version");
            db.execute("UPDATE flyway_schema_history SET success = true");
            Project.Result ok = p.run("baseline", "--from", "flyway");
            assertThat(ok.exit()).as(ok.toString()).isZero();
            assertThat(ok.out()).contains("Imported flyway:1: create accounts (V1__create_accounts.sql, installed 2026-01-02 03:04:05")
                    .contains("Recorded the database at " + head(p) + " (baseline)\npublic.flyway_schema_history stays: ");
            assertThat(db.query("SELECT revision, direction FROM retort_version_history ORDER BY id")).containsExactly(
                    List.of("flyway:1", "flyway"), List.of("flyway:2", "flyway"), List.of(head(p), "baseline"));
            assertThat(p.run("validate").exit()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "sqlite"})
    void flywaysFilesTurnedIntoSqlRevisionsTellWhereTheDatabaseIs(String dialect) {
        try (Db db = Db.create(dialect, tmp)) {
            Project p = new Project(tmp.resolve("f"));
            p.env.put("DATABASE_URL", db.url());
            assertThat(p.run("init").exit()).isZero();
            // Flyway's files kept as they were named, each given a revision header
            p.write("migrations/versions/V1__accounts.sql", "-- @revision id=f1 message=\"accounts\"\nCREATE TABLE account (id integer PRIMARY KEY, email varchar(100));\n");
            p.write("migrations/versions/V2__notes.sql", "-- @revision id=f2 parents=f1 message=\"notes\"\nCREATE TABLE note (id integer PRIMARY KEY);\n");
            // what Flyway left: V1 applied
            db.execute("CREATE TABLE account (id integer PRIMARY KEY, email varchar(100))");
            db.execute("CREATE TABLE flyway_schema_history (installed_rank INT NOT NULL PRIMARY KEY, version VARCHAR(50), description VARCHAR(200) NOT NULL,"
                    + " type VARCHAR(20) NOT NULL, script VARCHAR(1000) NOT NULL, checksum INT, installed_by VARCHAR(100) NOT NULL,"
                    + " installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, execution_time INT NOT NULL, success BOOLEAN NOT NULL)");
            db.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)"
                    + " VALUES (1, '1', 'accounts', 'SQL', 'V1__accounts.sql', 7, 'app', 5, " + (dialect.equals("sqlite") ? "1" : "true") + ")");
            Project.Result adopted = p.run("baseline", "--from", "flyway");
            assertThat(adopted.exit()).as(adopted.toString()).isZero();
            assertThat(adopted.out()).contains("Recorded the database at f1 (baseline)");
            assertThat(p.run("upgrade", "head").exit()).isZero();
            assertThat(db.tables()).contains("public.account", "public.note");
            assertThat(db.query("SELECT revision, direction FROM retort_version_history ORDER BY id")).containsExactly(
                    List.of("flyway:1", "flyway"), List.of("f1", "baseline"), List.of("f2", "upgrade"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "sqlite"})
    void jsonOutputOfCurrentHeadsHistoryCheckValidateAndDiff(String dialect) throws Exception {
        java.nio.file.Files.createDirectories(tmp.resolve("other"));
        try (Db db = Db.create(dialect, tmp); Db other = Db.create(dialect, tmp.resolve("other"))) {
            Project p = stratsim(db);
            String head = head(p);
            Project.Result empty = p.run("current", "--format", "json");
            assertThat(empty.out()).isEqualTo("{\n  \"current\" : [ ],\n  \"partial\" : null\n}\n");
            assertThat(p.run("upgrade", "head").exit()).isZero();
            assertThat(p.run("--format", "json", "current").out()).startsWith("{\n  \"current\" : [ {\n    \"id\" : \"" + head + "\",\n")
                    .contains("\"head\" : true,\n    \"current\" : true\n  } ],\n  \"partial\" : null\n}");
            assertThat(p.run("heads", "--format", "json").out()).contains("\"id\" : \"" + head + "\"").contains("\"transactional\" : true");
            assertThat(p.run("history", "-i", "--format", "json").out()).contains("\"revisions\" : [").contains("\"current\" : false")
                    .contains("\"partial\" : null");
            assertThat(p.run("check", "--format", "json").out()).isEqualTo("{\n  \"clean\" : true,\n  \"operations\" : [ ]\n}\n");
            db.execute("ALTER TABLE account ADD COLUMN nickname text");
            Project.Result dirty = p.run("check", "--format", "json");
            assertThat(dirty.exit()).isEqualTo(1);
            assertThat(dirty.out()).isEqualTo("{\n  \"clean\" : false,\n  \"operations\" : [ {\n    \"kind\" : \"DropColumn\",\n"
                    + "    \"target\" : \"public.account.nickname\",\n    \"description\" : \"drop column public.account.nickname\"\n  } ]\n}\n");
            assertThat(p.run("validate", "--format", "json").out()).isEqualTo("{\n  \"valid\" : true,\n  \"changed\" : [ ]\n}\n");
            Project.Result diff = p.run("diff", "--from", other.url(), "--to", db.url(), "--schema", "public", "--format", "json", "--sql");
            assertThat(diff.exit()).isEqualTo(1);
            assertThat(diff.out()).startsWith("{\n  \"same\" : false,\n  \"operations\" : [ {\n    \"kind\" : \"CreateTable\",\n    \"target\" : \"public.account\",")
                    .contains("\"sql\" : [ \"CREATE TABLE ");
        }
    }
}
