package stratsim.r2dbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
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

/**
 * The WebFlux application started with only spring.r2dbc.url set (no JDBC URL anywhere, no DataSource): Retort
 * migrates the database to head over JDBC before the server answers, and the R2DBC query sees the tables.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StratsimR2dbcTest {
    static final String SERVER = System.getenv().getOrDefault("RETORT_TEST_PG", "127.0.0.1:5432");
    static final String DB = "stratsim_r2dbc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    static void admin(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + SERVER + "/postgres", "postgres", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry r) {
        admin("CREATE DATABASE " + DB);
        r.add("spring.r2dbc.url", () -> "r2dbc:postgresql://" + SERVER + "/" + DB);
    }

    @AfterAll
    static void drop() { admin("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)"); }

    @Autowired Environment env;
    @Autowired dev.retort.Retort retort;

    @Test
    void migratesWithNoJdbcUrlConfiguredAndAnswersOverR2dbc() throws Exception {
        assertThat(env.getProperty("spring.datasource.url")).isNull();
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + env.getProperty("local.server.port") + "/scenarios")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"scenarios\":[\"baseline; the first\"]}");
        List<String> history = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + SERVER + "/" + DB, "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT revision || ' ' || direction FROM retort_version_history ORDER BY id")) {
            while (rs.next()) history.add(rs.getString(1));
        }
        assertThat(history).containsExactly("5e1c0a7d2b90 upgrade", "8f3b6d21c4e7 upgrade", "c41d7e9a0b35 upgrade");
        // the revision that is not plain ran from the application's own class: nothing was compiled (no JDK needed)
        assertThat(stratsim.r2dbc.revisions.Rc41d7e9a0b35.UPGRADES.get()).isEqualTo(1);
        assertThat(retort.config().cacheDir()).doesNotExist();
    }
}
