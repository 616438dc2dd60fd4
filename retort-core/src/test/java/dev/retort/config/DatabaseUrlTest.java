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

    @Test
    void maskingCoversUserinfoAndParameters() {
        assertThat(Secrets.mask("failed on postgresql://app:Sup3r$ecret@db/x and jdbc:postgresql://db/x?user=a&password=hunter2&ssl=1"))
                .isEqualTo("failed on postgresql://app:***@db/x and jdbc:postgresql://db/x?user=a&password=***&ssl=1");
        assertThat(Secrets.mask("the password hunter2 echoed", "hunter2")).isEqualTo("the password *** echoed");
    }

    @Test
    void badUrlsAreOneLineErrorsWithoutThePassword() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://root:pw123@db/x")).hasMessageStartingWith("unsupported database URL scheme 'mysql' in mysql://root:***@db/x");
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
