package dev.retort.cli;

import dev.retort.testing.PgDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What someone else made in a schema Retort manages (a table with rows, a view, a function no revision made) is named,
 * never dropped by autogenerate unless asked; a model table in a schema Retort does not manage is named too (issue 30
 * items 6 and 8).
 */
@Tag("database")
class UnmanagedObjectsTest {
    @TempDir Path tmp;

    static void someoneElsesObjects(PgDatabase db) {
        db.execute("CREATE TABLE public.legacy (id int PRIMARY KEY, note text)");
        db.execute("INSERT INTO public.legacy SELECT g, 'row ' || g FROM generate_series(1, 50) g");
        db.execute("CREATE VIEW public.legacy_view AS SELECT id FROM public.legacy");
        db.execute("CREATE FUNCTION public.legacy_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM public.legacy'");
    }

    @Test
    void autogenerateNamesWhatNoRevisionMadeAndKeepsItWithItsRows() throws Exception {
        Project p = Project.stratsim(tmp.resolve("p"));
        try (PgDatabase db = PgDatabase.create()) {
            p.env.put("DATABASE_URL", db.url());
            assertThat(p.run("upgrade", "head").exit()).isZero();
            someoneElsesObjects(db);

            Path log = tmp.resolve("check.log");
            int exit = Processes.retort(p.dir, Map.of("DATABASE_URL", db.url()), log, "check").start().waitFor();
            assertThat(exit).as(Processes.read(log)).isZero();
            assertThat(Processes.read(log)).contains("WARN public.legacy: table (the models do not declare it and no revision made it: never dropped unless"
                            + " revision --autogenerate --drop-unmanaged is asked): not compared")
                    .contains("WARN public.legacy_view: view (").contains("WARN public.legacy_count(): function (");

            List<Path> before = p.revisions();
            Project.Result gen = p.run("revision", "--autogenerate", "-m", "nothing of theirs");
            assertThat(gen.exit()).as(gen.toString()).isZero();
            assertThat(gen.out()).contains("No changes in schema detected");
            assertThat(p.revisions()).isEqualTo(before);
            assertThat(db.query("select count(*) from public.legacy")).containsExactly(List.of("50"));

            Project.Result strict = p.run("check", "--strict");
            assertThat(strict.exit()).as(strict.toString()).isEqualTo(1);
            assertThat(strict.err()).contains("public.legacy: table");
        }
    }

    @Test
    void dropUnmanagedWritesTheirDropsWhenAsked() {
        Project p = Project.stratsim(tmp.resolve("p"));
        try (PgDatabase db = PgDatabase.create()) {
            p.env.put("DATABASE_URL", db.url());
            assertThat(p.run("upgrade", "head").exit()).isZero();
            someoneElsesObjects(db);
            List<Path> before = p.revisions();
            Project.Result gen = p.run("revision", "--autogenerate", "--drop-unmanaged", "-m", "drop theirs");
            assertThat(gen.exit()).as(gen.toString()).isZero();
            String revision = p.newestRevision(before);
            assertThat(revision).contains("op.dropTable(\"public\", \"legacy\"").contains("legacy_view").contains("legacy_count");
        }
    }

    @Test
    void aTableTheHistoryMadeIsStillDroppedWhenItsModelGoes() {
        Project p = AutogenerateTest.project(tmp.resolve("p"), """
                m.table("public", "keep", t -> t.column("id", "int").primaryKey());
                m.table("public", "gone", t -> t.column("id", "int").primaryKey());""");
        try (PgDatabase db = PgDatabase.create()) {
            p.env.put("DATABASE_URL", db.url());
            assertThat(p.run("revision", "--autogenerate", "-m", "two").exit()).isZero();
            assertThat(p.run("upgrade", "head").exit()).isZero();
            AutogenerateTest.model(p, "m.table(\"public\", \"keep\", t -> t.column(\"id\", \"int\").primaryKey());");
            List<Path> before = p.revisions();
            Project.Result gen = p.run("revision", "--autogenerate", "-m", "one");
            assertThat(gen.exit()).as(gen.toString()).isZero();
            assertThat(p.newestRevision(before)).contains("op.dropTable(\"public\", \"gone\"");
        }
    }

    @Test
    void aModelTableInASchemaRetortDoesNotManageIsNamed() throws Exception {
        Project p = Project.stratsim(tmp.resolve("p"));
        try (PgDatabase db = PgDatabase.create()) {
            p.env.put("DATABASE_URL", db.url());
            assertThat(p.run("upgrade", "head").exit()).isZero();
            String toml = Files.readString(p.dir.resolve("retort.toml"));
            assertThat(toml).contains("schemas = [\"public\", \"stratsim\"]");
            p.edit("retort.toml", "schemas = [\"public\", \"stratsim\"]", "schemas = [\"public\"]");
            Path log = tmp.resolve("check.log");
            int exit = Processes.retort(p.dir, Map.of("DATABASE_URL", db.url()), log, "check").start().waitFor();
            assertThat(exit).as(Processes.read(log)).isZero();
            assertThat(Processes.read(log)).contains("WARN model table(s) stratsim.scenario, stratsim.simulation_event, stratsim.simulation_run"
                    + " in a schema retort.toml does not manage (schemas, exclude_schemas): not compared");
            Project.Result strict = p.run("check", "--strict");
            assertThat(strict.exit()).as(strict.toString()).isEqualTo(1);
            assertThat(strict.err()).contains("model table(s) stratsim.scenario");
        }
    }
}
