package dev.retort.runtime;

import dev.retort.runtime.StatementEffect.Kind;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What a DDL statement's text says it leaves in the catalog, for settling a statement a killed run was sending. */
class StatementEffectTest {
    static Optional<StatementEffect> of(String sql) { return StatementEffect.of(sql, "public"); }

    @Test
    void namedObjectsMadeOrDropped() {
        assertThat(of("CREATE TABLE `stratsim`.`t1` (id int PRIMARY KEY)")).contains(new StatementEffect(Kind.TABLE, "stratsim", null, "t1", true));
        assertThat(of("create table if not exists t2 (id int)")).contains(new StatementEffect(Kind.TABLE, "public", null, "t2", true));
        assertThat(of("CREATE UNIQUE INDEX t1_v ON t1 (v)")).contains(new StatementEffect(Kind.INDEX, "public", "t1", "t1_v", true));
        assertThat(of("CREATE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW v1 AS SELECT 1")).contains(new StatementEffect(Kind.VIEW, "public", null, "v1", true));
        assertThat(of("DROP TABLE IF EXISTS t1")).contains(new StatementEffect(Kind.TABLE, "public", null, "t1", false));
        assertThat(of("DROP INDEX t1_v ON t1")).contains(new StatementEffect(Kind.INDEX, "public", "t1", "t1_v", false));
    }

    @Test
    void oneAlterAction() {
        assertThat(of("ALTER TABLE big ADD COLUMN extra int, ALGORITHM=COPY")).contains(new StatementEffect(Kind.COLUMN, "public", "big", "extra", true));
        assertThat(of("-- a note\nALTER TABLE `big` ADD `note` varchar(20) DEFAULT 'a;b'")).contains(new StatementEffect(Kind.COLUMN, "public", "big", "note", true));
        assertThat(of("ALTER TABLE big DROP COLUMN extra")).contains(new StatementEffect(Kind.COLUMN, "public", "big", "extra", false));
        assertThat(of("ALTER TABLE big ADD CONSTRAINT big_fk FOREIGN KEY (n) REFERENCES other (id)"))
                .contains(new StatementEffect(Kind.CONSTRAINT, "public", "big", "big_fk", true));
        assertThat(of("ALTER TABLE big DROP FOREIGN KEY big_fk")).contains(new StatementEffect(Kind.CONSTRAINT, "public", "big", "big_fk", false));
        assertThat(of("ALTER TABLE big ADD INDEX big_n (n)")).contains(new StatementEffect(Kind.INDEX, "public", "big", "big_n", true));
    }

    @Test
    void whatNamesNoSuchEffectGivesNone() {
        assertThat(of("INSERT INTO big VALUES (1)")).isEmpty();
        assertThat(of("CREATE OR REPLACE VIEW v1 AS SELECT 1")).isEmpty();
        assertThat(of("ALTER TABLE big MODIFY COLUMN n bigint")).isEmpty();
        assertThat(of("ALTER TABLE big ADD PRIMARY KEY (id)")).isEmpty();
        assertThat(of("ALTER TABLE big ADD (a int, b int)")).isEmpty();
        assertThat(of("DROP TABLE a, b")).isEmpty();
        assertThat(of("UPDATE big SET n = 1")).isEmpty();
    }
}
