package dev.retort.spring;

import dev.retort.Retort;
import dev.retort.config.RetortConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.env.MockEnvironment;

import javax.sql.DataSource;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which database the starter migrates, from which of Spring's settings, and what it says when it has none. */
@Tag("database")
class RetortDatabaseTest {
    static final String PG = System.getenv().getOrDefault("RETORT_TEST_PG", "127.0.0.1:5432");

    @TempDir Path tmp;

    static ObjectProvider<DataSource> dataSource(DataSource ds) {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        if (ds != null) beans.registerSingleton("dataSource", ds);
        return beans.getBeanProvider(DataSource.class);
    }

    @Test
    void retortUrlWinsThenTheJdbcSettingsThenTheDataSourceThenR2dbc() {
        RetortProperties p = new RetortProperties();
        MockEnvironment env = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db1/app")
                .withProperty("spring.datasource.username", "app").withProperty("spring.datasource.password", "s3cret")
                .withProperty("spring.r2dbc.url", "r2dbc:postgresql://db3/app");
        assertThat(RetortDatabase.resolve(p, env, dataSource(null))).isEqualTo(new RetortDatabase("jdbc:postgresql://db1/app", "app", "s3cret", "spring.datasource.url"));
        p.setUrl("postgresql://db0/app");
        p.setUser("owner");
        assertThat(RetortDatabase.resolve(p, env, dataSource(null))).isEqualTo(new RetortDatabase("postgresql://db0/app", "owner", null, "retort.url"));
        MockEnvironment r2dbcOnly = new MockEnvironment().withProperty("spring.r2dbc.url", "r2dbc:postgresql://db3/app")
                .withProperty("spring.r2dbc.username", "reactive");
        assertThat(RetortDatabase.resolve(new RetortProperties(), r2dbcOnly, dataSource(null)))
                .isEqualTo(new RetortDatabase("r2dbc:postgresql://db3/app", "reactive", null, "spring.r2dbc.url"));
    }

    @Test
    void theApplicationsDataSourceTellsItsUrlUserAndPasswordAndRetortMigratesThere() throws Exception {
        DriverManagerDataSource ds = new DriverManagerDataSource("jdbc:postgresql://" + PG + "/postgres", "postgres", "not-needed-with-trust");
        RetortDatabase db = RetortDatabase.resolve(new RetortProperties(), new MockEnvironment(), dataSource(ds));
        assertThat(db.url()).isEqualTo("jdbc:postgresql://" + PG + "/postgres");
        assertThat(db.user()).isEqualTo("postgres");
        assertThat(db.password()).isEqualTo("not-needed-with-trust");
        assertThat(db.source()).isEqualTo("the application's DataSource");
        // the password given apart from the URL never shows
        RetortConfig config = RetortConfig.defaults(tmp).change(b -> {
            b.url = db.url();
            b.user = db.user();
            b.password = db.password();
        });
        assertThat(config.toString()).doesNotContain("not-needed-with-trust");
        java.nio.file.Files.createDirectories(tmp.resolve("migrations/versions"));
        assertThat(Retort.create(config).current()).isEmpty(); // connected as the DataSource does (no version table there)
    }

    @Test
    void noDatabaseOrAnEmptySettingStopsTheStartNamingIt() {
        assertThatThrownBy(() -> RetortDatabase.resolve(new RetortProperties(), new MockEnvironment(), dataSource(null)))
                .hasMessage("no database to migrate: set retort.url, spring.datasource.url or spring.r2dbc.url, define a DataSource, or set retort.enabled=false");
        RetortProperties p = new RetortProperties();
        p.setUrl(" ");
        assertThatThrownBy(() -> RetortDatabase.resolve(p, new MockEnvironment(), dataSource(null)))
                .hasMessage("retort.url is set but empty: give a database URL there, or remove it");
        assertThatThrownBy(() -> RetortDatabase.resolve(new RetortProperties(), new MockEnvironment().withProperty("spring.r2dbc.url", ""), dataSource(null)))
                .hasMessage("spring.r2dbc.url is set but empty: give a database URL there, or remove it");
    }
}
