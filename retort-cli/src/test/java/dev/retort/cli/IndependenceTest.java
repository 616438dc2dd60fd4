package dev.retort.cli;

import dev.retort.testing.SqliteFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one part of a project gets wrong stops only what uses it: models that do not compile, a lock file left as
 * garbage, several people writing revisions at once (issue 30 item 12).
 */
@Tag("database")
class IndependenceTest {
    @TempDir Path tmp;

    /** A revision that is not in the plain form (a local variable), so it is compiled: against the models, when they build. */
    static final String COMPILED = """
            import dev.retort.api.*;
            @Revision(id = "c1", message = "compiled")
            class Rc1 implements Migration {
                public void upgrade(Operations op) {
                    String table = "note";
                    op.createTable("public", table, t -> t.column("id", "int").primaryKey());
                }
                public void downgrade(Operations op) { op.dropTable("public", "note"); }
            }
            """;

    @Test
    void aRevisionThatNeverUsesTheModelsRunsWhenTheModelsDoNotCompile() {
        Project p = AutogenerateTest.project(tmp.resolve("p"), "m.table(\"public\", \"note\", t -> t.column(\"id\", \"int\").primaryKey()); nope();");
        p.write("migrations/versions/c1.java", COMPILED);
        try (SqliteFile db = new SqliteFile(tmp.resolve("app.db"))) {
            p.env.put("DATABASE_URL", db.url());
            Project.Result up = p.run("upgrade", "head");
            assertThat(up.exit()).as(up.toString()).isZero();
            assertThat(db.tables()).contains("public.note");
            // a revision that does use them says both errors
            p.write("migrations/versions/c2.java", COMPILED.replace("\"c1\"", "\"c2\", parents = \"c1\"").replace("Rc1", "Rc2")
                    .replace("String table = \"note\";", "String table = m.M.class.getSimpleName();"));
            Project.Result uses = p.run("upgrade", "head");
            assertThat(uses.exit()).as(uses.toString()).isEqualTo(2);
            assertThat(uses.err()).contains("c2.java").contains("compile error").contains("the models, which revisions compile against, do not build")
                    .contains("M.java");
        }
    }

    @Test
    void aSqliteLockFileHoldingGarbageIsReplacedLikeACrashLeftover() throws Exception {
        Project p = new Project(tmp.resolve("p"));
        p.write("retort.toml", "script_location = \"migrations\"\n");
        p.write("migrations/versions/a1.java", BadInputTest.rev("a1", null, "        op.createTable(\"public\", \"t\", t -> t.column(\"id\", \"int\"));"));
        Path file = tmp.resolve("app.db");
        Files.write(Path.of(file + ".retort-lock"), new byte[] {'n', 'o', 't', ' ', 'a', ' ', 'd', 'b', 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
                13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45,
                46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78,
                79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100});
        Project.Result up = p.run("--url", "sqlite:///" + file, "upgrade", "head");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(p.run("--url", "sqlite:///" + file, "current").out()).startsWith("a1");
    }

    @Test
    void revisionsWrittenAtOnceInOneFolderFormOneChain() throws Exception {
        Project p = new Project(tmp.resolve("p"));
        p.write("retort.toml", "script_location = \"migrations\"\n");
        p.write("migrations/versions/.keep", "");
        List<Process> writers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            writers.add(Processes.retort(p.dir, Map.of(), tmp.resolve("w" + i + ".log"), "revision", "-m", "writer " + i).start());
        }
        for (Process w : writers) {
            assertThat(w.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(w.exitValue()).isZero();
        }
        assertThat(p.revisions()).hasSize(4);
        Project.Result heads = p.run("heads");
        assertThat(heads.out().lines().count()).as(heads.toString()).isEqualTo(1);
    }
}
