package dev.retort.script;

import dev.retort.api.RetortException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cutting hand-written SQL into statements, filling placeholders, and reading SQL revision headers. */
class SqlScriptTest {
    private static List<String> split(String sql) { return SqlScript.split(sql, "v.sql", false); }

    @Test
    void semicolonsInsideQuotesCommentsAndDollarQuotesDoNotEndAStatement() {
        assertThat(split("""
                -- a note; not a statement
                CREATE TABLE "a;b" (x text DEFAULT 'it''s; here');
                /* block; comment */ INSERT INTO t VALUES ($$one; two$$, $q$ $$ ; $q$);
                SELECT E'\\'; still';
                ;;
                """)).containsExactly(
                "CREATE TABLE \"a;b\" (x text DEFAULT 'it''s; here')",
                "/* block; comment */ INSERT INTO t VALUES ($$one; two$$, $q$ $$ ; $q$)",
                "SELECT E'\\'; still'");
    }

    @Test
    void aBackslashEndsNoStringOnPostgresButEscapesOnMysql() {
        String sql = "INSERT INTO t VALUES ('C:\\\\'); SELECT 1";
        assertThat(SqlScript.split("INSERT INTO t VALUES ('C:\\'); SELECT 1", "v.sql", false)).containsExactly("INSERT INTO t VALUES ('C:\\')", "SELECT 1");
        assertThat(SqlScript.split(sql, "v.sql", true)).containsExactly("INSERT INTO t VALUES ('C:\\\\')", "SELECT 1");
        assertThat(SqlScript.split("SELECT 'it\\'s; one'; SELECT 2", "v.sql", true)).containsExactly("SELECT 'it\\'s; one'", "SELECT 2");
    }

    @Test
    void triggerAndRoutineBodiesKeepTheirSemicolons() {
        assertThat(split("""
                CREATE TRIGGER t_upd AFTER UPDATE ON t FOR EACH ROW BEGIN
                  UPDATE t SET n = CASE WHEN new.n > 0 THEN 1 ELSE 0 END WHERE id = new.id;
                  INSERT INTO log VALUES (new.id);
                END;
                CREATE PROCEDURE p() BEGIN IF 1 THEN SELECT 1; END IF; WHILE 0 DO SELECT 2; END WHILE; END;
                BEGIN;
                SELECT 3;
                """)).containsExactly("""
                CREATE TRIGGER t_upd AFTER UPDATE ON t FOR EACH ROW BEGIN
                  UPDATE t SET n = CASE WHEN new.n > 0 THEN 1 ELSE 0 END WHERE id = new.id;
                  INSERT INTO log VALUES (new.id);
                END""", "CREATE PROCEDURE p() BEGIN IF 1 THEN SELECT 1; END IF; WHILE 0 DO SELECT 2; END WHILE; END", "BEGIN", "SELECT 3");
    }

    @Test
    void unterminatedQuotesAndCommentsAreNamedWithTheirLine() {
        assertThatThrownBy(() -> split("SELECT 1;\nSELECT 'open")).isInstanceOf(RetortException.class).hasMessage("v.sql:2: unterminated string starting here");
        assertThatThrownBy(() -> split("SELECT $x$ never")).hasMessage("v.sql:1: unterminated dollar quote $x$");
        assertThatThrownBy(() -> split("\n\n/* never")).hasMessage("v.sql:3: unterminated /* comment");
    }

    @Test
    void placeholdersAreFilledAndAnUnknownOneIsRefusedByName() {
        assertThat(SqlScript.substitute("GRANT SELECT ON t TO ${role}; -- ${role}", Map.of("role", "app$1"), "v.sql"))
                .isEqualTo("GRANT SELECT ON t TO app$1; -- app$1");
        assertThatThrownBy(() -> SqlScript.substitute("SELECT '${tenant}'", Map.of(), "v.sql"))
                .hasMessage("v.sql: placeholder ${tenant} has no value: set it under [placeholders] in retort.toml or pass -x tenant=VALUE");
    }

    @Test
    void sqlRevisionHeaders() {
        RevisionInfo r = SqlRevision.header("-- @revision id=b2 parents=a1,c3 message=\"say \\\"hi\\\"\"\n-- @revision transactional=false\nSELECT 1;\n",
                Path.of("b2.sql"));
        assertThat(r.id()).isEqualTo("b2");
        assertThat(r.parents()).containsExactly("a1", "c3");
        assertThat(r.message()).isEqualTo("say \"hi\"");
        assertThat(r.transactional()).isFalse();
        assertThat(r.sql()).isTrue();
        assertThatThrownBy(() -> SqlRevision.header("SELECT 1;", Path.of("x.sql"))).hasMessageStartingWith("x.sql: no '-- @revision id=...' line");
        assertThatThrownBy(() -> SqlRevision.header("-- @revision id=a1 colour=red", Path.of("x.sql")))
                .hasMessage("x.sql: -- @revision has an unknown key 'colour' (known: id, parents, message, created, transactional, branch_labels, depends_on)");
        assertThatThrownBy(() -> SqlRevision.header("-- @revision id=a1 message=\"open", Path.of("x.sql")))
                .hasMessage("x.sql:1: the value of message has no closing '\"'");
        assertThatThrownBy(() -> SqlRevision.header("-- @revision id=a-1", Path.of("x.sql")))
                .hasMessage("x.sql: revision id 'a-1' may hold only letters, digits and '_'");
    }
}
