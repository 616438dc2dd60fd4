package dev.retort.cli;

import dev.retort.testing.PgDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Views, materialized views, functions, procedures, triggers, row level security, policies, extensions, partitions
 * and exclusion constraints on PostgreSQL (issue 12): autogenerate writes them in an order the database accepts, the
 * upgrade leaves check clean, and the downgrade leaves exactly the schema before (pg_dump is the judge).
 */
@Tag("database")
class SchemaObjectsTest {
    @TempDir Path tmp;

    static final String TABLES = """
            m.table("public", "account", t -> {
                t.column("id", "bigint").primaryKey();
                t.column("email", "text").notNull();
                t.column("owner", "text").notNull().defaultValue("current_user");
                t.column("updated_at", "timestamptz");
            });
            """;

    static final String EVERY_KIND = """
            m.extension("public", "btree_gist");
            m.table("public", "account", t -> {
                t.column("id", "bigint").primaryKey();
                t.column("email", "%s").notNull();
                t.column("owner", "text").notNull().defaultValue("current_user");
                t.column("updated_at", "timestamptz");
                t.trigger("account_touch", "CREATE TRIGGER account_touch BEFORE UPDATE ON account FOR EACH ROW EXECUTE FUNCTION touch_updated_at()")%s;
                t.rowLevelSecurity()%s;
                t.policy("own_rows").using("%s");
            });
            m.function("public", "touch_updated_at()", \"""
                CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW.updated_at := %s;
                    RETURN NEW;
                END $$\""");
            m.view("public", "account_emails", "select id, email from account");
            m.view("public", "account_domains", "select id, split_part(email, '@', 2) as domain from account_emails");
            m.materializedView("public", "domain_counts", "select domain, count(*) as n from account_domains group by domain");
            m.materializedViewIndex("public", "domain_counts", "domain_counts_domain", "CREATE UNIQUE INDEX domain_counts_domain ON domain_counts (domain)");
            m.table("public", "event", t -> {
                t.column("id", "bigint").notNull();
                t.column("at", "timestamptz").notNull();
                t.partitionBy("RANGE (at)");
                t.partition("event_2026", "FOR VALUES FROM ('2026-01-01') TO ('%s')");
                t.partition("event_default", "DEFAULT");
                t.partitionIndex("event_2026", "event_2026_at", "CREATE INDEX event_2026_at ON event_2026 (at DESC)");
            });
            m.table("public", "booking", t -> {
                t.column("room", "int").notNull();
                t.column("during", "tstzrange").notNull();
                t.exclude("booking_no_overlap", "USING gist (room WITH =, during WITH &&)");
            });
            m.procedure("public", "forget(integer)", "CREATE PROCEDURE forget(days integer) LANGUAGE sql AS $$ DELETE FROM event WHERE at < now() - make_interval(days => days) $$");
            """;

    static String everyKind(String emailType, String triggerState, String force, String policy, String stamp, String until) {
        return EVERY_KIND.formatted(emailType, triggerState, force, policy, stamp, until);
    }

    String roundTrip(String first, String second) { return AutogenerateTest.roundTrip(tmp, first, second); }

    @Test
    void everyKindIsMadeInAnOrderTheDatabaseTakesAndDroppedAgain() {
        String revision = roundTrip(TABLES, everyKind("text", "", "", "owner = current_user", "now()", "2027-01-01"));
        // functions a table needs come before it; views after their tables, in dependency order; triggers after their function
        assertThat(revision).containsSubsequence("op.createExtension(\"public\", \"btree_gist\")", "op.createTable(\"public\", \"booking\"",
                "op.createFunction(\"public\", \"touch_updated_at()\", \"\"\"", "op.createView(\"public\", \"account_emails\"",
                "op.createView(\"public\", \"account_domains\"", "op.createMaterializedView(\"public\", \"domain_counts\"",
                "op.createMaterializedViewIndex(", "op.createTrigger(\"public\", \"account\", \"account_touch\"",
                "op.enableRowLevelSecurity(\"public\", \"account\")", "op.createPolicy(\"public\", \"account\", \"own_rows\", \"AS PERMISSIVE FOR ALL TO public USING (owner = current_user)\")");
        assertThat(revision).containsSubsequence("op.createPartition(\"public\", \"event_2026\", \"event\"",
                "op.createPartitionIndex(\"public\", \"event_2026\", \"event_2026_at\", \"CREATE INDEX event_2026_at ON event_2026 (at DESC)\")");
        assertThat(revision).contains("t.partitionBy(\"RANGE (at)\");", "op.createPartition(\"public\", \"event_2026\", \"event\", \"FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')\")",
                "op.addExclusionConstraint(\"public\", \"booking\", \"booking_no_overlap\", \"EXCLUDE USING gist (room WITH =, during WITH &&)\")",
                "op.createProcedure(\"public\", \"forget(integer)\"");
        // the downgrade drops them the other way round: policies first, the extension last
        String down = revision.substring(revision.indexOf("void downgrade"));
        assertThat(down).containsSubsequence("op.dropPolicy(", "op.disableRowLevelSecurity(", "op.dropTrigger(", "op.dropMaterializedViewIndex(",
                "op.dropMaterializedView(", "op.dropView(\"public\", \"account_domains\")", "op.dropView(\"public\", \"account_emails\")",
                "op.dropPartitionIndex(\"public\", \"event_2026\", \"event_2026_at\")", "op.dropPartition(\"public\", \"event_2026\", \"event\")", "op.dropFunction(\"public\", \"touch_updated_at()\")", "op.dropTable(\"public\", \"booking\")",
                "op.dropExtension(\"public\", \"btree_gist\")");
    }

    @Test
    void changesAreMadeInPlaceWhereTheDatabaseAllowsAndDependantViewsAreRemadeAroundAColumnChange() {
        String revision = roundTrip(everyKind("text", "", "", "owner = current_user", "now()", "2027-01-01"),
                everyKind("varchar(320)", ".disabled()", ".force()", "owner = current_user or email like '%@admin'", "clock_timestamp()", "2026-07-01"));
        assertThat(revision).contains("op.replaceFunction(\"public\", \"touch_updated_at()\", \"\"\"", "NEW.updated_at := clock_timestamp();",
                "op.setTriggerState(\"public\", \"account\", \"account_touch\", \"DISABLE\")", "op.forceRowLevelSecurity(\"public\", \"account\")",
                "op.replacePartition(\"public\", \"event_2026\", \"event\", \"FOR VALUES FROM ('2026-01-01') TO ('2026-07-01')\")");
        // the column's new type needs the views over it gone: dropped before (dependants first) and made again after
        String up = revision.substring(revision.indexOf("void upgrade"), revision.indexOf("void downgrade"));
        assertThat(up).containsSubsequence("op.dropPolicy(\"public\", \"account\", \"own_rows\")", "op.dropMaterializedView(\"public\", \"domain_counts\")",
                "op.dropView(\"public\", \"account_domains\")", "op.dropView(\"public\", \"account_emails\")",
                "op.alterColumn(\"public\", \"account\", \"email\")", "op.createView(\"public\", \"account_emails\"", "op.createView(\"public\", \"account_domains\"",
                "op.createMaterializedView(\"public\", \"domain_counts\"", "op.createMaterializedViewIndex(", "op.createPolicy(");
    }

    @Test
    void diffSqlReproducesPartitionedTablesAndExclusionConstraintsExactly() throws Exception {
        try (PgDatabase empty = PgDatabase.create(); PgDatabase db = PgDatabase.create(); PgDatabase copy = PgDatabase.create()) {
            db.execute("CREATE EXTENSION IF NOT EXISTS btree_gist");
            db.execute("CREATE TABLE event (id bigint, at timestamptz NOT NULL) PARTITION BY RANGE (at)");
            db.execute("CREATE INDEX event_at ON event (at)");
            db.execute("CREATE TABLE event_2026 PARTITION OF event FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')");
            db.execute("CREATE TABLE booking (room int, during tstzrange, EXCLUDE USING gist (room WITH =, during WITH &&))");
            Project p = new Project(tmp);
            Project.Result r = p.run("diff", "--from", empty.url(), "--to", db.url(), "--schema", "public", "--sql");
            assertThat(r.exit()).as(r.toString()).isEqualTo(1); // they differ
            assertThat(r.out()).contains("PARTITION BY RANGE (at)", "PARTITION OF \"public\".\"event\" FOR VALUES FROM ('2026-01-01 00:00:00+00') TO ('2027-01-01 00:00:00+00')",
                    "ADD CONSTRAINT \"booking_room_during_excl\" EXCLUDE USING gist (room WITH =, during WITH &&)");
            for (String statement : r.out().split(";\n")) if (!statement.isBlank()) copy.execute(statement);
            assertThat(BadInputTest.dump(copy)).isEqualTo(BadInputTest.dump(db));
            Project.Result same = p.run("diff", "--from", copy.url(), "--to", db.url(), "--schema", "public");
            assertThat(same.exit()).as(same.toString()).isZero();
        }
    }

    /**
     * What the database has and the models do not: of a kind the models declare none of (a project that keeps its
     * views in raw SQL revisions), named by check, failed by --strict, never dropped; of a kind they declare, dropped
     * by autogenerate like a table the models lack.
     */
    @Test
    void whatTheDatabaseHasAndTheModelsDoNotIsNamedOrDroppedByKind() throws Exception {
        try (PgDatabase db = PgDatabase.create()) {
            Project p = AutogenerateTest.project(tmp, TABLES);
            p.env.put("DATABASE_URL", db.url());
            assertThat(p.run("revision", "--autogenerate", "-m", "tables").exit()).isZero();
            assertThat(p.run("upgrade", "head").exit()).isZero();
            db.execute("CREATE VIEW account_emails AS SELECT email FROM account");
            db.execute("CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$");
            db.execute("CREATE TRIGGER account_touch BEFORE UPDATE ON account FOR EACH ROW EXECUTE FUNCTION touch()");
            db.execute("CREATE AGGREGATE total(int) (sfunc = int4pl, stype = int)");
            Path log = tmp.resolve("log");
            int exit = Processes.retort(p.dir, Map.of("DATABASE_URL", db.url()), log, "check").start().waitFor();
            assertThat(exit).as(Processes.read(log)).isZero();
            assertThat(Processes.read(log)).contains("WARN public.account_emails: view (the models declare no views): not compared; check does not compare it")
                    .contains("WARN public.touch(): function (the models declare no functions)")
                    .contains("WARN public.account_touch: trigger on public.account (the models declare no triggers)")
                    .contains("WARN public.total(integer): aggregate: not compared");
            Project.Result strict = p.run("check", "--strict");
            assertThat(strict.exit()).isEqualTo(1);
            assertThat(strict.err()).contains("4 object(s) not compared").contains("public.account_emails: view").contains("public.total(integer): aggregate");
            List<Path> before = p.revisions();
            assertThat(p.run("revision", "--autogenerate", "-m", "nothing").out()).doesNotContain("Generated");
            assertThat(p.revisions()).isEqualTo(before);

            // the models declare a view: views are compared, but one no revision made is still someone else's, named
            // and kept unless --drop-unmanaged asks for its drop (issue 30 item 6)
            AutogenerateTest.model(p, TABLES + "m.view(\"public\", \"account_ids\", \"select id from account\");\n");
            Project.Result check = p.run("check");
            assertThat(check.exit()).as(check.toString()).isEqualTo(1);
            assertThat(check.out()).contains("create view public.account_ids").doesNotContain("account_emails").doesNotContain("touch");
            Project.Result gen = p.run("revision", "--autogenerate", "--drop-unmanaged", "-m", "theirs too");
            assertThat(gen.exit()).as(gen.toString()).isZero();
            assertThat(p.newestRevision(before)).contains("account_emails").contains("account_ids");
        }
    }

    /**
     * Views on H2 (compared as H2 spells them, through a scratch in-memory database), MariaDB (likewise, through
     * scratch databases on the server) and SQLite (which keeps the text that made them): made, changed, kept across
     * a column drop that SQLite makes by rebuilding the table, and downgraded.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"h2", "mysql", "sqlite"})
    void viewsOnH2MariaDbAndSqlite(String kind) throws java.io.IOException {
        String tables = TABLES.replace("defaultValue(\"current_user\")", "defaultValue(\"'me'\")"); // SQLite has no current_user
        String first = tables + "m.view(\"public\", \"account_emails\", \"select id, email from account where id > 0\");\n";
        String second = tables.replace("    t.column(\"owner\", \"text\").notNull().defaultValue(\"'me'\");\n", "")
                + "m.view(\"public\", \"account_emails\", \"select id, email, updated_at from account where id > 1\");\n";
        assertThat(second).doesNotContain("\"owner\"");
        try (dev.retort.testing.Db db = dev.retort.testing.Db.create(kind, tmp)) {
            Project p = AutogenerateTest.project(tmp.resolve("p"), first);
            p.env.put("DATABASE_URL", db.url());
            Project.Result one = p.run("revision", "--autogenerate", "-m", "first");
            assertThat(one.exit()).as(one.toString()).isZero();
            assertThat(p.newestRevision(List.of())).contains("op.createView(\"public\", \"account_emails\", \"select id, email from account where id > 0\");");
            assertThat(p.run("upgrade", "head").exit()).isZero();
            Project.Result check = p.run("check");
            assertThat(check.exit()).as(check.toString()).isZero();
            db.execute("INSERT INTO account (id, email, owner) VALUES (1, 'a@x', 'me'), (2, 'b@x', 'me')");
            List<Path> before = p.revisions();
            AutogenerateTest.model(p, second);
            Project.Result two = p.run("revision", "--autogenerate", "-m", "second");
            assertThat(two.exit()).as(two.toString()).isZero();
            String revision = p.newestRevision(before);
            assertThat(revision).containsSubsequence("op.dropView(\"public\", \"account_emails\")", "owner", "op.createView(\"public\", \"account_emails\"");
            // owner holds values: the lint gate stops the drop until the revision says it means it
            assertThat(p.run("upgrade", "head").err()).contains("lint error drop-column");
            Path file = p.revisions().stream().filter(f -> !before.contains(f)).findFirst().orElseThrow();
            java.nio.file.Files.writeString(file, revision.replaceFirst("\nclass R", "\n@dev.retort.api.Lint(ignore = \"drop-column\")\nclass R"));
            Project.Result up = p.run("upgrade", "head");
            assertThat(up.exit()).as(revision + up).isZero();
            assertThat(p.run("check").exit()).isZero();
            assertThat(db.query("select email from account_emails")).containsExactly(List.of("b@x"));
            assertThat(p.run("downgrade", "-1").exit()).isZero();
            AutogenerateTest.model(p, first);
            assertThat(p.run("check").exit()).isZero();
            assertThat(db.query("select email from account_emails order by id")).containsExactly(List.of("a@x"), List.of("b@x"));
        }
        if (kind.equals("mysql")) assertThat(MariaDbObjectsTest.scratchDatabases()).isEmpty();
    }

    /**
     * H2's functions (aliases of Java methods) and triggers (Java classes, or Java source) are not SQL, so Retort does
     * not model them: check names them (--strict fails), and a diff --sql that would make their table whole refuses.
     */
    @Test
    void h2sJavaFunctionsAndTriggersAreNamed() throws Exception {
        String tables = TABLES.replace("defaultValue(\"current_user\")", "defaultValue(\"'me'\")");
        try (dev.retort.testing.Db db = dev.retort.testing.Db.create("h2", tmp); dev.retort.testing.Db empty = new dev.retort.testing.H2File(tmp.resolve("empty"))) {
            Project p = AutogenerateTest.project(tmp.resolve("p"), tables);
            p.env.put("DATABASE_URL", db.url());
            assertThat(p.run("revision", "--autogenerate", "-m", "tables").exit()).isZero();
            assertThat(p.run("upgrade", "head").exit()).isZero();
            db.execute("CREATE ALIAS my_abs FOR 'java.lang.Math.abs(int)'");
            db.execute("CREATE TRIGGER account_audit BEFORE INSERT ON account FOR EACH ROW AS $$org.h2.api.Trigger create() {"
                    + " return new org.h2.api.Trigger() { public void fire(java.sql.Connection c, Object[] o, Object[] n) {} }; } $$");
            db.close();
            Path log = tmp.resolve("log");
            int exit = Processes.retort(p.dir, Map.of("DATABASE_URL", db.url()), log, "check").start().waitFor();
            assertThat(exit).as(Processes.read(log)).isZero();
            assertThat(Processes.read(log)).contains("WARN public.my_abs: function: not compared").contains("WARN public.account_audit: trigger on public.account: not compared");
            Project.Result strict = p.run("check", "--strict");
            assertThat(strict.exit()).as(strict.toString()).isEqualTo(1);
            assertThat(strict.err()).contains("2 object(s) not compared");
            Project.Result diff = p.run("diff", "--from", empty.url(), "--to", db.url(), "--schema", "public", "--sql");
            assertThat(diff.exit()).isNotZero();
            assertThat(diff.err()).contains("diff --sql cannot write public.account as it is: public.account_audit: trigger on public.account");
        }
    }

    /** Grants, with manage_grants: a role of the test's own (Retort never creates roles), on a table, columns, a sequence, a schema and a function. */
    @Test
    void grantsAreMadeRevokedAndComparedWhenManaged() {
        String role = "retort_app_" + Long.toHexString(System.nanoTime());
        try (PgDatabase admin = PgDatabase.create()) {
            admin.execute("CREATE ROLE " + role);
            try {
                String grants = TABLES.replace("t.column(\"updated_at\", \"timestamptz\");", "t.column(\"updated_at\", \"timestamptz\");\n    t.grant(\"%s\", \"SELECT\", \"UPDATE (email, owner)\");")
                        + """
                        m.sequence("public", "invoice_no");
                        m.grant("public", "SEQUENCE invoice_no", "%s", "USAGE").withGrantOption();
                        m.grant("public", "SCHEMA", "%s", "USAGE");
                        m.function("public", "one()", "CREATE FUNCTION one() RETURNS int LANGUAGE sql AS 'select 1'");
                        m.grant("public", "FUNCTION one()", "%s", "EXECUTE");
                        """;
                String revision = AutogenerateTest.roundTrip(tmp, TABLES + "m.sequence(\"public\", \"invoice_no\");\n", grants.formatted(role, role, role, role), "manage_grants = true");
                assertThat(revision).contains("op.grant(\"public\", \"TABLE account\", \"" + role + "\", \"SELECT, UPDATE (email, owner)\")",
                        "op.grant(\"public\", \"SEQUENCE invoice_no\", \"" + role + "\", \"USAGE WITH GRANT OPTION\")",
                        "op.grant(\"public\", \"SCHEMA\", \"" + role + "\", \"USAGE\")", "op.grant(\"public\", \"FUNCTION one()\", \"" + role + "\", \"EXECUTE\")",
                        "op.revoke(\"public\", \"TABLE account\", \"" + role + "\", \"SELECT, UPDATE (email, owner)\")");
            } finally {
                admin.execute("DROP ROLE IF EXISTS " + role);
            }
        }
    }

    @Test
    void withoutManageGrantsTheModelsGrantsAreNamedAndNotCompared() throws Exception {
        try (PgDatabase db = PgDatabase.create()) {
            Project p = AutogenerateTest.project(tmp, TABLES + "m.grant(\"public\", \"TABLE account\", \"nobody_here\", \"SELECT\");\n");
            p.env.put("DATABASE_URL", db.url());
            assertThat(p.run("revision", "--autogenerate", "-m", "tables").exit()).isZero();
            assertThat(p.newestRevision(List.of())).doesNotContain("op.grant");
            assertThat(p.run("upgrade", "head").exit()).isZero();
            Path log = tmp.resolve("log");
            int exit = Processes.retort(p.dir, Map.of("DATABASE_URL", db.url()), log, "check").start().waitFor();
            assertThat(exit).as(Processes.read(log)).isZero();
            assertThat(Processes.read(log)).contains("WARN manage_grants is off in retort.toml: grant to nobody_here on table public.account not compared");
        }
    }

    @Test
    void aFunctionWhoseSignatureIsNotTheOneItsSqlMakesIsNamed() {
        try (PgDatabase db = PgDatabase.create()) {
            Project p = AutogenerateTest.project(tmp, TABLES + """
                    m.function("public", "add(int, int)", "CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql AS 'select a + b'");
                    """);
            p.env.put("DATABASE_URL", db.url());
            Project.Result r = p.run("check");
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains("the models' function public.add(int,int): its SQL makes add(integer,integer); declare the signature as PostgreSQL writes it")
                    .doesNotContain("\tat ");
            assertThat(db.query("select count(*) from pg_database where datname like 'retort_scratch_%' and datname > 'retort_scratch_' || (extract(epoch from now())::bigint - 60)").get(0).get(0)).isEqualTo("0");
        }
    }
}
