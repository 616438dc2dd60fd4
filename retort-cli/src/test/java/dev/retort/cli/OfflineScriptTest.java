package dev.retort.cli;

import org.junit.jupiter.api.Tag;
import dev.retort.testing.PgDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** `upgrade --sql` writes the statements `upgrade` runs: psql applying the script gives the same catalog. */
@Tag("database")
class OfflineScriptTest {
    @TempDir Path tmp;

    @Test
    void upgradeScriptAppliedWithPsqlGivesTheSameCatalogAsTheOnlineUpgrade() throws Exception {
        Project p = Project.stratsim(tmp.resolve("project"));
        try (PgDatabase online = PgDatabase.create(); PgDatabase offline = PgDatabase.create()) {
            // offline needs no database: the URL only names the dialect, and points nowhere reachable
            p.env.put("DATABASE_URL", "postgresql://nobody:secret@127.0.0.1:1/none");
            Project.Result script = p.run("upgrade", "head", "--sql");
            assertThat(script.exit()).as(script.toString()).isZero();
            assertThat(script.out()).contains("BEGIN;").contains("COMMIT;").contains("CREATE TABLE \"stratsim\".\"scenario\"")
                    .doesNotContain("secret");
            Path sql = tmp.resolve("upgrade.sql");
            Files.writeString(sql, script.out());
            psql(offline, sql);

            p.env.put("DATABASE_URL", online.url());
            assertThat(p.run("upgrade", "head").exit()).isZero();

            assertThat(schemaDump(offline)).isEqualTo(schemaDump(online));
            assertThat(offline.query("select version_num from retort_version")).isEqualTo(online.query("select version_num from retort_version"));
            assertThat(offline.query("select revision, direction, checksum from retort_version_history order by id"))
                    .isEqualTo(online.query("select revision, direction, checksum from retort_version_history order by id"));

            // and the downgrade script undoes it
            p.env.put("DATABASE_URL", "postgresql://127.0.0.1:1/none");
            Project.Result down = p.run("downgrade", "head:base", "--sql");
            assertThat(down.exit()).as(down.toString()).isZero();
            Files.writeString(sql, down.out());
            psql(offline, sql);
            assertThat(offline.tables()).containsExactly("public.retort_version", "public.retort_version_history");
        }
    }

    @Test
    void aRangeScriptCoversOnlyTheRevisionsInIt() {
        Project p = Project.stratsim(tmp);
        p.env.put("DATABASE_URL", "postgresql://");
        List<String> ids = p.run("history").out().lines().map(l -> l.split(" -> ")[1].split("[ ,]")[0]).toList();
        String first = ids.get(2), second = ids.get(1);
        Project.Result r = p.run("upgrade", first + ":" + second, "--sql");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).doesNotContain("CREATE TABLE \"public\".\"account\"").contains("CREATE TABLE \"stratsim\".\"scenario\"")
                .contains("UPDATE \"public\".\"retort_version\" SET \"version_num\" = '" + second + "' WHERE \"version_num\" = '" + first + "'");
    }

    static void psql(PgDatabase db, Path script) throws IOException, InterruptedException {
        Process proc = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", PgDatabase.SERVER.split(":")[0],
                "-p", PgDatabase.SERVER.split(":")[1], "-U", "postgres", "-d", db.name(), "-f", script.toString())
                .redirectErrorStream(true).start();
        String output = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(proc.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(proc.exitValue()).as(output).isZero();
    }

    /** pg_dump's schema-only text, without the lines that name the database or vary by run. */
    static String schemaDump(PgDatabase db) throws IOException, InterruptedException {
        Process proc = new ProcessBuilder("pg_dump", "--schema-only", "--no-owner", "-h", PgDatabase.SERVER.split(":")[0],
                "-p", PgDatabase.SERVER.split(":")[1], "-U", "postgres", db.name()).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(proc.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(proc.exitValue()).isZero();
        return out.lines().filter(l -> !l.startsWith("--") && !l.startsWith("\\restrict") && !l.startsWith("\\unrestrict") && !l.contains(db.name())).reduce("", (a, b) -> a + b + "\n");
    }
}
