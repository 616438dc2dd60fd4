package stratsim.spring;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The application started on a database of its own on the local PostgreSQL: Retort migrates it to head before JPA
 * starts (the application counts accounts while it starts), compares the entities with it, and answers on
 * /actuator/retort.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StratsimSpringTest {
    static final String SERVER = System.getenv().getOrDefault("RETORT_TEST_PG", "127.0.0.1:5432");
    static final List<String> DATABASES = new ArrayList<>();
    static final String DB = database();

    static String database() {
        String name = "stratsim_spring_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE DATABASE " + name);
        DATABASES.add(name);
        return name;
    }

    static void admin(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + SERVER + "/postgres", "postgres", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String jdbc(String db) { return "jdbc:postgresql://" + SERVER + "/" + db; }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry r) { r.add("spring.datasource.url", () -> jdbc(DB)); }

    @AfterAll
    static void drop() { DATABASES.forEach(d -> admin("DROP DATABASE IF EXISTS " + d + " WITH (FORCE)")); }

    @Autowired Environment env;
    @Autowired MigrationLog migrationLog;

    String get(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + env.getProperty("local.server.port") + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return r.body();
    }

    static List<String> column(String db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbc(db), "postgres", ""); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) out.add(rs.getString(1));
            return out;
        }
    }

    @Test
    void startsMigratedBeforeJpaAndAnswers() throws Exception {
        assertThat(column(DB, "SELECT version_num FROM retort_version")).containsExactly("dca2e16ed0c7");
        assertThat(column(DB, "SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_schema IN ('public', 'stratsim') ORDER BY 1"))
                .containsExactly("public.account", "public.retort_version", "public.retort_version_history", "stratsim.scenario", "stratsim.simulation_run");
        // the application's Callback bean heard the start-up's migration
        assertThat(migrationLog.events()).containsExactly("BEFORE_MIGRATE", "AFTER_EACH_REVISION dca2e16ed0c7", "AFTER_MIGRATE");
        assertThat(get("/accounts/count")).isEqualTo("{\"accounts\":0,\"atStartUp\":0}").doesNotContain("-1");
        assertThat(get("/actuator/retort")).startsWith("{\"current\":[\"dca2e16ed0c7\"],\"heads\":[\"dca2e16ed0c7\"],")
                .contains("\"state\":\"applied\"");
    }

    @Test
    void refusesToStartWhenTheEntitiesAreAheadOfTheRevisions() {
        String db = database();
        // stop at base: the entities then declare tables no revision made
        assertThatThrownBy(() -> new SpringApplicationBuilder(StratsimApplication.class)
                .run("--spring.datasource.url=" + jdbc(db), "--retort.target=base", "--server.port=0").close())
                .hasStackTraceContaining("the JPA entities differ from the database after 'upgrade base'")
                .hasStackTraceContaining("write a revision with 'retort revision --autogenerate'");
    }

    @Test
    void anotherReplicaStartingOnAMigratedDatabaseChangesNothing() throws Exception {
        List<String> before = column(DB, "SELECT revision || ' ' || direction FROM retort_version_history ORDER BY id");
        new SpringApplicationBuilder(StratsimApplication.class).run("--spring.datasource.url=" + jdbc(DB), "--server.port=0").close();
        assertThat(column(DB, "SELECT revision || ' ' || direction FROM retort_version_history ORDER BY id")).isEqualTo(before)
                .containsExactly("dca2e16ed0c7 upgrade");
    }
}
