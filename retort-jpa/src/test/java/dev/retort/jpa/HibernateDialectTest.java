package dev.retort.jpa;

import dev.retort.api.RetortException;
import dev.retort.runtime.ModelLoader;
import dev.retort.schema.Catalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** [models] hibernate_dialect decides the types Hibernate declares; without it, the URL's database chooses one. */
class HibernateDialectTest {
    @TempDir Path cache;

    static final String ENTITY = "dev.retort.jpa.corpus.M01Basic$Product";

    Catalog load(String retortDialect, Map<String, String> options) {
        return new ModelLoader(List.of(), List.of(ENTITY), options, List.of(), List.of(), cache).load(retortDialect);
    }

    static String type(Catalog c, String column) {
        return c.table("public", "product").orElseThrow().column(column).orElseThrow().type();
    }

    @Test
    void eachDatabaseGetsHibernatesDialectForIt() {
        // a Java boolean: PostgreSQL's boolean, MariaDB's bit, H2's boolean
        assertThat(type(load("postgresql", Map.of()), "active")).isEqualTo("boolean");
        assertThat(type(load("h2", Map.of()), "active")).isEqualTo("boolean");
        assertThat(type(load("mysql", Map.of()), "active")).isEqualTo("bit");
    }

    @Test
    void theSettingIsHonouredWhereTheUrlCannotTell() {
        assertThatThrownBy(() -> load("sqlite", Map.of())).isInstanceOf(RetortException.class)
                .hasMessageContaining("set [models] hibernate_dialect");
        Catalog onSqlite = load("sqlite", Map.of("hibernate_dialect", "org.hibernate.dialect.MariaDBDialect"));
        assertThat(type(onSqlite, "active")).as("the named dialect's type").isEqualTo("bit");
    }
}
