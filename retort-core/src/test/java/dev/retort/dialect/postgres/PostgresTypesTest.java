package dev.retort.dialect.postgres;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresTypesTest {
    final PostgresDialect pg = new PostgresDialect();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "int4 | integer", "INT | integer", "int8 | bigint", "smallint | smallint", "bool | boolean",
            "varchar(50) | character varying(50)", "character varying(50) | character varying(50)", "varchar | character varying",
            "timestamptz | timestamp with time zone", "timestamp with time zone | timestamp with time zone",
            "timestamptz(3) | timestamp(3) with time zone", "timestamp | timestamp without time zone", "timetz | time with time zone",
            "numeric(10, 2) | numeric(10,2)", "decimal(10) | numeric(10,0)", "float8 | double precision", "float4 | real",
            "char(3) | character(3)", "char | character(1)", "text[] | text[]", "int[] | integer[]", "jsonb | jsonb",
            "stratsim.run_status | \"stratsim\".\"run_status\"", "\"My Schema\".\"Mood\" | \"My Schema\".\"Mood\""})
    void equalSpellingsNormaliseToOneForm(String written, String canonical) {
        assertThat(pg.normalizeType(written)).isEqualTo(canonical);
    }

    @Test
    void differentLengthsStayDifferent() {
        assertThat(pg.normalizeType("varchar(50)")).isNotEqualTo(pg.normalizeType("varchar(100)"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "'x'::text | 'x'", "'-1'::integer | -1", "(0) | 0", "nextval('s_id_seq'::regclass) | nextval('s_id_seq')",
            "'queued'::stratsim.run_status | 'queued'", "'a'::character varying | 'a'", "CURRENT_TIMESTAMP | now()",
            "status = ANY (ARRAY['a'::text, 'b'::text]) | status IN ('a', 'b')", "'{}'::jsonb | '{}'"})
    void catalogSpellingsOfExpressionsMatchWhatModelsWrite(String catalog, String model) {
        assertThat(pg.sameExpression(catalog, model, false)).isTrue();
    }

    @Test
    void differentDefaultsStayDifferent() {
        assertThat(pg.sameExpression("'a'::text", "'b'", false)).isFalse();
        assertThat(pg.sameExpression("'A'::text", "'a'", false)).isFalse();
        assertThat(pg.sameExpression("0", null, false)).isFalse();
    }
}
