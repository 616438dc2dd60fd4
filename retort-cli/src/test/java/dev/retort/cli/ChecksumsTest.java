package dev.retort.cli;

import org.junit.jupiter.api.Tag;
import dev.retort.testing.PgDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An applied revision whose source changed is reported by upgrade and validate, and accepted by repair. */
@Tag("database")
class ChecksumsTest {
    @TempDir Path tmp;
    PgDatabase db;
    Project p;
    String file;

    @BeforeEach
    void setUp() {
        db = PgDatabase.create();
        p = Project.stratsim(tmp);
        p.env.put("DATABASE_URL", db.url());
        file = "migrations/versions/" + p.revisions().get(0).getFileName();
    }

    @AfterEach
    void tearDown() { db.close(); }

    @Test
    void aChangedAppliedRevisionStopsUpgradeUntilRepaired() {
        assertThat(p.run("upgrade", "+1").exit()).isZero();
        assertThat(p.run("validate").exit()).isZero();
        p.edit(file, "t.index(\"created_at\");", "t.index(\"created_at\"); // tuned later");

        Project.Result validate = p.run("validate");
        assertThat(validate.exit()).isEqualTo(1);
        assertThat(validate.out().lines().toList()).hasSize(1);
        assertThat(validate.out()).contains("changed since it was applied").contains("create_accounts.java");

        Project.Result up = p.run("upgrade", "head");
        assertThat(up.exit()).as(up.toString()).isEqualTo(2);
        assertThat(up.err()).contains("1 applied revision(s) changed since they were applied").contains("retort repair");
        assertThat(db.query("select count(*) from retort_version_history").get(0).get(0)).isEqualTo("1");

        assertThat(p.run("upgrade", "head", "--ignore-checksums").exit()).isZero();
        assertThat(p.run("downgrade", "-1").exit()).isEqualTo(2);

        Project.Result repair = p.run("repair");
        assertThat(repair.exit()).as(repair.toString()).isZero();
        assertThat(repair.out()).startsWith("Re-recorded checksums of ");
        assertThat(db.query("select direction, message like 'checksum re-recorded, was %' from retort_version_history where direction = 'repair'"))
                .containsExactly(List.of("repair", "t"));
        assertThat(p.run("validate").exit()).isZero();
        assertThat(p.run("downgrade", "-1").exit()).isZero();
    }
}
