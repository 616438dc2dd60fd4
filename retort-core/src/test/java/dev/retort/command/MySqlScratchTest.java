package dev.retort.command;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The database qualifiers a MySQL scratch run renames in the models' SQL, and what it leaves as written. */
class MySqlScratchTest {
    static final Map<String, String> NAMES = Map.of("stratsim", "retort_scratch_1_ab_s1", "app", "retort_scratch_1_ab");

    @Test
    void qualifiersAreRenamedBareOrBackquotedAsWritten() {
        assertThat(MySqlScratch.rewrite("select s.id from stratsim.scenario s join `app` . account a on a.id = s.owner_id", NAMES))
                .isEqualTo("select s.id from retort_scratch_1_ab_s1.scenario s join `retort_scratch_1_ab` . account a on a.id = s.owner_id");
        assertThat(MySqlScratch.rewrite("CREATE TRIGGER stratsim.t AFTER INSERT ON `stratsim`.`run` FOR EACH ROW UPDATE app.account SET n = n + 1", NAMES))
                .isEqualTo("CREATE TRIGGER retort_scratch_1_ab_s1.t AFTER INSERT ON `retort_scratch_1_ab_s1`.`run` FOR EACH ROW UPDATE retort_scratch_1_ab.account SET n = n + 1");
    }

    @Test
    void stringsCommentsColumnsAndOtherWordsAreLeftAlone() {
        String sql = "select 'stratsim.x', \"app.y\", t.stratsim, stratsim_x.a, x.app.b -- stratsim.z\n/* app.w */ # stratsim.q\nfrom stratsim";
        assertThat(MySqlScratch.rewrite(sql, NAMES)).isEqualTo(sql);
        assertThat(MySqlScratch.rewrite("select 'it''s', 'a\\'b' from stratsim.t", NAMES)).isEqualTo("select 'it''s', 'a\\'b' from retort_scratch_1_ab_s1.t");
    }
}
