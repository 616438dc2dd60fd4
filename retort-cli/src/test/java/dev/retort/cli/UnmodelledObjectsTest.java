package dev.retort.cli;

import dev.retort.testing.PgDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What PostgreSQL holds that Retort does not model yet (issue 12) is named, never silently lost: diff --sql refuses
 * to write a partitioned table or one with an exclusion constraint as a plain table, check and diff warn by name, and
 * --strict fails on them.
 */
@Tag("database")
class UnmodelledObjectsTest {
    @TempDir Path tmp;

    static void objects(PgDatabase db) {
        db.execute("CREATE EXTENSION IF NOT EXISTS btree_gist");
        db.execute("CREATE TABLE event (id bigint, at timestamptz NOT NULL) PARTITION BY RANGE (at)");
        db.execute("CREATE TABLE event_2026 PARTITION OF event FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')");
        db.execute("CREATE TABLE booking (room int, during tstzrange, EXCLUDE USING gist (room WITH =, during WITH &&))");
    }

    @Test
    void diffSqlRefusesWhatItWouldWriteWithoutItsPartitioningOrExclusion() {
        try (PgDatabase empty = PgDatabase.create(); PgDatabase db = PgDatabase.create()) {
            objects(db);
            Project p = new Project(tmp);
            Project.Result r = p.run("diff", "--from", empty.url(), "--to", db.url(), "--schema", "public", "--sql");
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains("diff --sql cannot write public.booking as it is: public.booking_room_during_excl: exclusion constraint on public.booking"
                    + " (EXCLUDE USING gist (room WITH =, during WITH &&)), which Retort does not model yet; nothing was written");
            db.execute("DROP TABLE booking");
            assertThat(p.run("diff", "--from", empty.url(), "--to", db.url(), "--schema", "public", "--sql").err())
                    .contains("diff --sql cannot write public.event as it is: public.event: partitioned table (PARTITION BY RANGE (at))");
            Project.Result strict = p.run("diff", "--from", empty.url(), "--to", db.url(), "--schema", "public", "--strict");
            assertThat(strict.exit()).isEqualTo(1);
            assertThat(strict.err()).contains("2 object(s) Retort does not model yet (diff does not compare it (in postgresql://postgres@")
                    .contains("public.event: partitioned table (PARTITION BY RANGE (at))")
                    .contains("public.event_2026: partition on public.event (PARTITION OF event FOR VALUES FROM ('2026-01-01 00:00:00+00') TO ('2027-01-01 00:00:00+00'))");
        }
    }

    @Test
    void checkNamesViewsFunctionsTriggersAndPoliciesAndStrictFailsOnThem() throws Exception {
        try (PgDatabase db = PgDatabase.create()) {
            Project p = Project.stratsimOn(tmp.resolve("s"), db);
            assertThat(p.run("upgrade", "head").exit()).isZero();
            db.execute("CREATE VIEW account_emails AS SELECT email FROM account");
            db.execute("CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$");
            db.execute("CREATE TRIGGER account_touch BEFORE UPDATE ON account FOR EACH ROW EXECUTE FUNCTION touch()");
            db.execute("ALTER TABLE account ENABLE ROW LEVEL SECURITY");
            db.execute("CREATE POLICY own ON account USING (true)");
            Path log = tmp.resolve("log");
            int exit = Processes.retort(p.dir, Map.of("DATABASE_URL", db.url()), log, "check").start().waitFor();
            String out = Processes.read(log);
            assertThat(exit).as(out).isZero();
            assertThat(out).contains("WARN public.account_emails: view: Retort does not model this yet; check does not compare it")
                    .contains("WARN public.touch(): function: Retort does not model this yet")
                    .contains("WARN public.account_touch: trigger on public.account (CREATE TRIGGER account_touch BEFORE UPDATE ON account")
                    .contains("WARN public.own: policy on public.account (permissive)")
                    .contains("WARN public.account: row level security (enabled)");
            Project.Result strict = p.run("check", "--strict");
            assertThat(strict.exit()).isEqualTo(1);
            assertThat(strict.err()).contains("5 object(s) Retort does not model yet (check does not compare it): public.touch(): function;")
                    .contains("; public.account_emails: view");
        }
    }
}
