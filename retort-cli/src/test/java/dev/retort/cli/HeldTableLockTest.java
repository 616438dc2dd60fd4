package dev.retort.cli;

import dev.retort.testing.Db;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A revision's statement that waits for a lock another session holds gives up after ddl_lock_timeout (PostgreSQL's and
 * MySQL's own waits have no bound), naming the session that holds it; nothing is applied and the next run, once the
 * lock is gone, applies it (issue 30 item 4).
 */
@Tag("database")
class HeldTableLockTest {
    @TempDir Path tmp;

    static Project project(Path dir, String settings) {
        Project p = new Project(dir);
        p.write("retort.toml", "script_location = \"migrations\"\n" + settings);
        p.write("migrations/versions/a1.java", BadInputTest.rev("a1", null,
                "        op.createTable(\"public\", \"note\", t -> t.column(\"id\", \"int\").primaryKey());"));
        p.write("migrations/versions/a2.java", BadInputTest.rev("a2", "\"a1\"", "        op.addColumn(\"public\", \"note\", \"body\", \"text\");"));
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mysql"})
    void aStatementBehindAHeldLockGivesUpAndNamesTheHolder(String dialect) throws Exception {
        Project p = project(tmp.resolve("p"), "ddl_lock_timeout = 1\n");
        try (Db db = Db.create(dialect, tmp); Connection holder = db.connect()) {
            p.env.put("DATABASE_URL", db.url());
            assertThat(p.run("upgrade", "a1").exit()).isZero();
            holder.setAutoCommit(false);
            holder.createStatement().execute("SELECT * FROM note"); // an open transaction that read the table holds a lock on it

            long start = System.nanoTime();
            Project.Result r = p.run("upgrade", "head");
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(r.exit()).as(r.toString()).isEqualTo(1);
            assertThat(seconds).as("gave up after the timeout, not the holder's whole transaction").isLessThan(30);
            assertThat(r.err()).as(r.toString()).contains("revision a2").contains(dialect.equals("mysql") ? "Lock wait timeout exceeded" : "lock timeout")
                    .contains(dialect.equals("mysql") ? "has a transaction open" : "idle in transaction) holds a lock on public.note")
                    .contains("raise ddl_lock_timeout in retort.toml").contains(dialect.equals("mysql") ? "none of its statements ran" : "nothing was applied");
            assertThat(p.run("current").out()).startsWith("a1");

            holder.rollback();
            Project.Result again = p.run("upgrade", "head");
            assertThat(again.exit()).as(again.toString()).isZero();
            assertThat(p.run("current").out()).startsWith("a2");
        }
    }

    @Test
    void offlineScriptsSetTheTimeoutOnceAndARevisionsOwnTimeoutGivesWayToItAfter() {
        Project p = project(tmp.resolve("p"), "");
        p.write("migrations/versions/a3.java", BadInputTest.rev("a3", "\"a2\"",
                "        op.lockTimeout(\"3s\");\n        op.addColumn(\"public\", \"note\", \"tag\", \"text\");"));
        Project.Result r = p.run("--url", "postgresql://", "upgrade", "--sql", "base:head");
        assertThat(r.exit()).as(r.toString()).isZero();
        List<String> sets = r.out().lines().filter(l -> l.contains("lock_timeout")).toList();
        assertThat(sets).containsExactly("SET lock_timeout = '10000ms';", "SET LOCAL lock_timeout = '3000ms';");
        p.write("migrations/versions/a3.java", BadInputTest.rev("a3", "\"a2\"", "        op.lockTimeout(\"3s\");\n"
                + "        op.createIndex(\"public\", \"note\", \"note_body_idx\", \"body\").concurrently();"));
        Project.Result outside = p.run("--url", "postgresql://", "upgrade", "--sql", "base:head");
        assertThat(outside.out().lines().filter(l -> l.contains("lock_timeout")).toList())
                .containsExactly("SET lock_timeout = '10000ms';", "SET lock_timeout = '3000ms';", "SET lock_timeout = '10000ms';");
        Project.Result mysql = p.run("--url", "mysql://localhost/app", "upgrade", "--sql", "base:a2");
        assertThat(mysql.out().lines().filter(l -> l.contains("lock_wait_timeout")).toList()).containsExactly("SET SESSION lock_wait_timeout = 10;");
        Project.Result none = p.run("--url", "sqlite:///x.db", "upgrade", "--sql", "base:head");
        assertThat(none.out()).doesNotContain("lock_timeout");
    }
}
