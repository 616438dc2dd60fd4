package dev.retort.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection that fails says how: refused, or a file another process holds locked, never "no answer" from a server
 * that answered (issue 30 item 10).
 */
@Tag("database")
class ConnectFailuresTest {
    @TempDir Path tmp;

    Project project() {
        Project p = new Project(tmp.resolve("p"));
        p.write("retort.toml", "script_location = \"migrations\"\nconnect_timeout = 2\n");
        p.write("migrations/versions/a1.java", BadInputTest.rev("a1", null, "        op.createTable(\"public\", \"t\", t -> t.column(\"id\", \"int\"));"));
        return p;
    }

    @Test
    void aSqliteFileAnotherProcessHoldsLockedIsSaidToBeLocked() throws Exception {
        Project p = project();
        Path file = tmp.resolve("app.db");
        try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = holder.createStatement()) {
            s.execute("CREATE TABLE x (i int)");
            s.execute("BEGIN EXCLUSIVE");
            s.execute("INSERT INTO x VALUES (1)");
            Project.Result r = p.run("--url", "sqlite:///" + file, "upgrade", "head");
            assertThat(r.exit()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).as(r.toString()).contains("locked").doesNotContain("no answer");
            s.execute("ROLLBACK");
        }
        assertThat(p.run("--url", "sqlite:///" + file, "upgrade", "head").exit()).isZero();
    }

    @Test
    void aRefusedH2ServerIsSaidToRefuse() {
        Project.Result r = project().run("--url", "h2:tcp://127.0.0.1:1/~/nothing", "current");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("cannot connect to h2:tcp://127.0.0.1:1/~/nothing").contains("Connection refused").doesNotContain("no answer");
    }
}
