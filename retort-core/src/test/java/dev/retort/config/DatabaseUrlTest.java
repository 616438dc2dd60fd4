package dev.retort.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseUrlTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "postgresql://app:pw@db.example:6543/shop?sslmode=require | jdbc:postgresql://db.example:6543/shop?sslmode=require | app | pw",
            "postgres://app:pw@db/shop | jdbc:postgresql://db/shop | app | pw",
            "postgresql+asyncpg://app:p%40ss@db:5432/shop | jdbc:postgresql://db:5432/shop | app | p@ss",
            "postgresql+psycopg://app@db/shop | jdbc:postgresql://db/shop | app | ",
            "r2dbc:postgresql://app:pw@db:5432/shop | jdbc:postgresql://db:5432/shop | app | pw",
            "jdbc:postgresql://db:5432/shop?user=app&password=pw&ssl=true | jdbc:postgresql://db:5432/shop?ssl=true | app | pw",
            "postgresql:///shop | jdbc:postgresql://localhost/shop | | ",
            "postgresql://app:pw@h1:5432,h2:5433/shop | jdbc:postgresql://h1:5432,h2:5433/shop | app | pw"})
    void everyFormMapsToThePostgresDriverWithCredentialsApart(String raw, String jdbc, String user, String password) {
        DatabaseUrl u = DatabaseUrl.parse(raw);
        assertThat(u.dialect()).isEqualTo("postgresql");
        assertThat(u.jdbcUrl()).isEqualTo(jdbc);
        assertThat(u.user()).isEqualTo(user);
        assertThat(u.password()).isEqualTo(password);
        if (password != null) assertThat(u.toString()).doesNotContain(":" + password + "@").doesNotContain("password=" + password);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "mysql://app:pw@db:3306/shop | mysql | jdbc:mariadb://db:3306/shop | app | pw",
            "mariadb://app:pw@db/shop?useSsl=true | mysql | jdbc:mariadb://db/shop?useSsl=true | app | pw",
            "mysql+aiomysql://app:p%40ss@db/shop?charset=utf8mb4 | mysql | jdbc:mariadb://db/shop | app | p@ss",
            "mysql+asyncmy://app@db/shop | mysql | jdbc:mariadb://db/shop | app | ",
            "r2dbc:mysql://app:pw@db:3306/shop | mysql | jdbc:mariadb://db:3306/shop | app | pw",
            "r2dbc:mariadb://app:pw@db/shop | mysql | jdbc:mariadb://db/shop | app | pw",
            "jdbc:mariadb://db/shop?user=app&password=pw | mysql | jdbc:mariadb://db/shop | app | pw",
            "jdbc:mysql://db/shop?user=app | mysql | jdbc:mariadb://db/shop | app | ",
            "sqlite:///app.db | sqlite | jdbc:sqlite:app.db | | ",
            "sqlite:////var/data/app.db | sqlite | jdbc:sqlite:/var/data/app.db | | ",
            "sqlite:///:memory: | sqlite | jdbc:sqlite::memory: | | ",
            "sqlite+aiosqlite:///app.db | sqlite | jdbc:sqlite:app.db | | ",
            "jdbc:sqlite:/tmp/x.db | sqlite | jdbc:sqlite:/tmp/x.db | | ",
            "jdbc:h2:mem:test | h2 | jdbc:h2:mem:test;DATABASE_TO_LOWER=TRUE | | ",
            "h2:file:./db/app;USER=sa;PASSWORD=pw | h2 | jdbc:h2:file:./db/app;DATABASE_TO_LOWER=TRUE | sa | pw",
            "jdbc:h2:./app;MODE=MySQL | h2 | jdbc:h2:./app;MODE=MySQL | | "})
    void otherDatabasesMapToTheirDrivers(String raw, String dialect, String jdbc, String user, String password) {
        DatabaseUrl u = DatabaseUrl.parse(raw);
        assertThat(u.dialect()).isEqualTo(dialect);
        assertThat(u.jdbcUrl()).isEqualTo(jdbc);
        assertThat(u.user()).isEqualTo(user);
        assertThat(u.password()).isEqualTo(password);
        if (password != null) assertThat(u.toString()).doesNotContain(":" + password + "@").doesNotContainIgnoringCase("password=" + password);
    }

    @Test
    void maskingCoversUserinfoAndParameters() {
        assertThat(Secrets.mask("failed on postgresql://app:Sup3r$ecret@db/x and jdbc:postgresql://db/x?user=a&password=hunter2&ssl=1"))
                .isEqualTo("failed on postgresql://app:***@db/x and jdbc:postgresql://db/x?user=a&password=***&ssl=1");
        assertThat(Secrets.mask("the password hunter2 echoed", "hunter2")).isEqualTo("the password *** echoed");
    }

    @Test
    void badUrlsAreOneLineErrorsWithoutThePassword() {
        assertThatThrownBy(() -> DatabaseUrl.parse("oracle://root:pw123@db/x")).hasMessageStartingWith("unsupported database URL scheme 'oracle' in oracle://root:***@db/x");
        assertThatThrownBy(() -> DatabaseUrl.parse("sqlite://host/x.db")).hasMessageStartingWith("malformed database URL: sqlite://host/x.db");
        assertThatThrownBy(() -> DatabaseUrl.parse("h2:;PASSWORD=pw123")).hasMessageStartingWith("malformed database URL").hasMessageNotContaining("pw123");
        assertThatThrownBy(() -> DatabaseUrl.parse("not a url")).hasMessage("malformed database URL: not a url");
        assertThatThrownBy(() -> DatabaseUrl.parse(" ")).hasMessageContaining("no database URL");
    }

    @Test
    void urlPrecedenceIsFlagThenRetortUrlThenDatabaseUrlThenFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path toml = dir.resolve("retort.toml");
        java.nio.file.Files.writeString(toml, "url = \"postgresql://${DB_HOST:-localhost}/fromfile\"\n");
        assertThat(new ConfigLoader(Map.of()).load(toml, false, null).url()).isEqualTo("postgresql://localhost/fromfile");
        assertThat(new ConfigLoader(Map.of("DB_HOST", "db1")).load(toml, false, null).url()).isEqualTo("postgresql://db1/fromfile");
        assertThat(new ConfigLoader(Map.of("DATABASE_URL", "postgresql://env/db")).load(toml, false, null).url()).isEqualTo("postgresql://env/db");
        assertThat(new ConfigLoader(Map.of("DATABASE_URL", "postgresql://env/db", "RETORT_URL", "postgresql://retort/db")).load(toml, false, null).url())
                .isEqualTo("postgresql://retort/db");
        assertThat(new ConfigLoader(Map.of("RETORT_URL", "postgresql://retort/db")).load(toml, false, "postgresql://flag/db").url())
                .isEqualTo("postgresql://flag/db");
        java.nio.file.Files.writeString(toml, "url = \"${MISSING_VAR}\"\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(toml, false, null)).hasMessageEndingWith("url uses ${MISSING_VAR}, which is not set");
    }
}
