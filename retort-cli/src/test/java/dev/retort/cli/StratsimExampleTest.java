package dev.retort.cli;

import org.junit.jupiter.api.Tag;
import dev.retort.testing.PgDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The stratsim example on the real PostgreSQL: autogenerate, upgrade, model changes, check, downgrade. */
@Tag("database")
class StratsimExampleTest {
    static final String ACCOUNTS = "model/stratsim/model/Accounts.java";
    static final String SIMULATION = "model/stratsim/model/Simulation.java";

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

    @Test
    void autogenerateOnAnEmptyDatabaseCreatesBothSchemasObjects() {
        p.clearRevisions();
        Project.Result r = p.run("revision", "--autogenerate", "-m", "initial schema");
        assertThat(r.exit()).as(r.toString()).isZero();
        String source = p.newestRevision(List.of());
        assertThat(source)
                .contains("op.createSchema(\"stratsim\");")
                .contains("op.createEnum(\"stratsim\", \"run_status\", \"queued\", \"running\", \"succeeded\", \"failed\");")
                .contains("op.createTable(\"public\", \"account\", t -> {")
                .contains("op.createTable(\"stratsim\", \"scenario\", t -> {")
                .contains("t.column(\"owner_id\", \"bigint\").notNull().references(\"public\", \"account\", \"id\").onDelete(\"CASCADE\");")
                .contains("op.dropSchema(\"stratsim\");")
                // PostgreSQL's own objects are written for it only, so the same revisions run on the other databases
                .contains("op.createTrigger(\"public\", \"account\", \"account_touch\", ", "op.createView(\"stratsim\", \"scenario_runs\", \"\"\"",
                        "op.createPartition(\"stratsim\", \"simulation_event_2026\", \"simulation_event\", \"FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')\").only(\"postgresql\");",
                        "op.enableRowLevelSecurity(\"stratsim\", \"scenario\").only(\"postgresql\");", "t.partitionBy(\"RANGE (at)\");");
        // what is referenced comes first
        assertThat(source.indexOf("\"account\", t ->")).isLessThan(source.indexOf("\"scenario\", t ->"));
        assertThat(source.indexOf("\"scenario\", t ->")).isLessThan(source.indexOf("\"simulation_run\", t ->"));

        assertThat(p.run("upgrade", "head").exit()).isZero();
        assertThat(db.tables()).containsExactly("public.account", "public.retort_version", "public.retort_version_history",
                "stratsim.scenario", "stratsim.simulation_event", "stratsim.simulation_event_2026", "stratsim.simulation_event_later", "stratsim.simulation_run");
        Project.Result check = p.run("check");
        assertThat(check.exit()).as(check.toString()).isZero();
        assertThat(check.out()).contains("No changes");
    }

    @Test
    void upgradeHeadThenCheckAgrees() {
        Project.Result up = p.run("upgrade", "head");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(p.run("check").exit()).isZero();
        assertThat(db.query("select count(*) from retort_version").get(0).get(0)).isEqualTo("1");
        assertThat(db.query("select revision, direction, db_user from retort_version_history order by id"))
                .extracting(row -> row.get(1) + " by " + row.get(2)).containsExactly("upgrade by postgres", "upgrade by postgres", "upgrade by postgres");
    }

    static Stream<Arguments> modelChanges() {
        return Stream.of(
                Arguments.of("add column", ACCOUNTS, "t.column(\"display_name\", \"varchar(100)\").notNull();",
                        "t.column(\"display_name\", \"varchar(100)\").notNull();\n            t.column(\"nickname\", \"varchar(40)\");",
                        "add column public.account.nickname",
                        "op.addColumn(\"public\", \"account\", \"nickname\", \"varchar(40)\");",
                        "select data_type || character_maximum_length from information_schema.columns where table_name = 'account' and column_name = 'nickname'",
                        "character varying40"),
                Arguments.of("drop column", SIMULATION, "            t.column(\"result\", \"jsonb\");\n", "",
                        "drop column stratsim.simulation_run.result",
                        "op.dropColumn(\"stratsim\", \"simulation_run\", \"result\");",
                        "select count(*) from information_schema.columns where table_name = 'simulation_run' and column_name = 'result'",
                        "0"),
                Arguments.of("widen varchar", ACCOUNTS, "\"display_name\", \"varchar(100)\"", "\"display_name\", \"varchar(200)\"",
                        "alter column public.account.display_name (type character varying(100) -> character varying(200))",
                        "op.alterColumn(\"public\", \"account\", \"display_name\").existingType(\"varchar(100)\").type(\"varchar(200)\");",
                        "select character_maximum_length from information_schema.columns where table_name = 'account' and column_name = 'display_name'",
                        "200"),
                Arguments.of("change nullability", ACCOUNTS, "\"display_name\", \"varchar(100)\").notNull()", "\"display_name\", \"varchar(100)\")",
                        "alter column public.account.display_name (nullable)",
                        "op.alterColumn(\"public\", \"account\", \"display_name\").nullable(true);",
                        "select is_nullable from information_schema.columns where table_name = 'account' and column_name = 'display_name'",
                        "YES"),
                Arguments.of("add index", ACCOUNTS, "t.index(\"created_at\");", "t.index(\"created_at\");\n            t.index(\"display_name\");",
                        "create index public.account_display_name_idx",
                        "op.createIndex(\"public\", \"account\", \"account_display_name_idx\", \"display_name\");",
                        "select indexdef from pg_indexes where indexname = 'account_display_name_idx'",
                        "CREATE INDEX account_display_name_idx ON public.account USING btree (display_name)"),
                Arguments.of("drop foreign key", SIMULATION, "t.column(\"started_by\", \"bigint\").references(\"public\", \"account\", \"id\").onDelete(\"SET NULL\");",
                        "t.column(\"started_by\", \"bigint\");",
                        "drop constraint stratsim.simulation_run.simulation_run_started_by_fkey",
                        "op.dropConstraint(\"stratsim\", \"simulation_run\", \"simulation_run_started_by_fkey\");",
                        "select count(*) from pg_constraint where conname = 'simulation_run_started_by_fkey'",
                        "0"),
                Arguments.of("add enum value", SIMULATION, "\"succeeded\", \"failed\");", "\"succeeded\", \"failed\", \"cancelled\");",
                        "add enum value stratsim.run_status",
                        "op.addEnumValue(\"stratsim\", \"run_status\", \"cancelled\");",
                        "select string_agg(enumlabel, ',' order by enumsortorder) from pg_enum",
                        "queued,running,succeeded,failed,cancelled"),
                Arguments.of("change server default", SIMULATION, ".defaultValue(\"'{}'::jsonb\")", ".defaultValue(\"'{\\\"steps\\\": 100}'::jsonb\")",
                        "alter column stratsim.scenario.parameters (default '{}'::jsonb -> '{\"steps\": 100}'::jsonb)",
                        "op.alterColumn(\"stratsim\", \"scenario\", \"parameters\").setDefault(\"'{\\\"steps\\\": 100}'::jsonb\");",
                        "select column_default from information_schema.columns where table_name = 'scenario' and column_name = 'parameters'",
                        "'{\"steps\": 100}'::jsonb"),
                Arguments.of("add check constraint", SIMULATION, "t.unique(\"owner_id\", \"name\");",
                        "t.unique(\"owner_id\", \"name\");\n            t.check(\"char_length(name) > 0\").name(\"scenario_name_not_empty\");",
                        "add constraint stratsim.scenario.scenario_name_not_empty",
                        "op.createCheckConstraint(\"stratsim\", \"scenario\", \"scenario_name_not_empty\", \"char_length(name) > 0\");",
                        "select pg_get_constraintdef(oid) from pg_constraint where conname = 'scenario_name_not_empty'",
                        "CHECK ((char_length((name)::text) > 0))"),
                Arguments.of("add comment", ACCOUNTS, "\"display_name\", \"varchar(100)\").notNull()",
                        "\"display_name\", \"varchar(100)\").notNull().comment(\"Shown to other users\")",
                        "alter column public.account.display_name (comment)",
                        "op.alterColumn(\"public\", \"account\", \"display_name\").comment(\"Shown to other users\");",
                        "select col_description('public.account'::regclass, 3)",
                        "Shown to other users"),
                Arguments.of("change collation", ACCOUNTS, "\"display_name\", \"varchar(100)\").notNull()",
                        "\"display_name\", \"varchar(100)\").notNull().collation(\"C\")",
                        "alter column public.account.display_name (collation null -> C)",
                        "op.alterColumn(\"public\", \"account\", \"display_name\").type(\"varchar(100)\").collation(\"C\");",
                        "select collation_name from information_schema.columns where table_name = 'account' and column_name = 'display_name'",
                        "C"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modelChanges")
    void aModelChangeIsDetectedAsExactlyOneOperationAndApplies(String name, String file, String from, String to, String checkLine,
                                                              String javaLine, String probe, String expected) {
        assertThat(p.run("upgrade", "head").exit()).isZero();
        p.edit(file, from, to);

        Project.Result check = p.run("check");
        assertThat(check.exit()).as(check.toString()).isEqualTo(1);
        assertThat(check.out()).contains("1 pending operation(s)").contains("  " + checkLine + "\n");

        List<Path> before = p.revisions();
        Project.Result rev = p.run("revision", "--autogenerate", "-m", name);
        assertThat(rev.exit()).as(rev.toString()).isZero();
        String source = p.newestRevision(before);
        assertThat(source).contains(javaLine);

        Project.Result up = p.run("upgrade", "head");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(db.query(probe).get(0).get(0)).isEqualTo(expected);
        assertThat(p.run("check").exit()).isZero();

        // the generated downgrade undoes it: the database differs from the models again
        Project.Result down = p.run("downgrade", "-1");
        assertThat(down.exit()).as(down.toString()).isZero();
        Project.Result again = p.run("check");
        assertThat(again.exit()).as(again.toString()).isEqualTo(1);
        assertThat(again.out()).contains(checkLine);
    }

    @Test
    void downgradeBaseLeavesOnlyTheVersionTables() {
        assertThat(p.run("upgrade", "head").exit()).isZero();
        Project.Result down = p.run("downgrade", "base");
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(db.tables()).containsExactly("public.retort_version", "public.retort_version_history");
        assertThat(db.query("select count(*) from pg_namespace where nspname = 'stratsim'").get(0).get(0)).isEqualTo("0");
        assertThat(db.query("select count(*) from pg_type where typname = 'run_status'").get(0).get(0)).isEqualTo("0");
        assertThat(p.run("current").out()).contains("base");
    }
}
