package dev.retort.script;

import dev.retort.api.Migration;
import dev.retort.config.DatabaseUrl;
import dev.retort.dialect.Dialect;
import dev.retort.dialects.Dialects;
import dev.retort.ops.Operation;
import dev.retort.ops.SchemaState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQL each database gets for the kitchen-sink revision's upgrade, statement for statement, against the file
 * under src/test/resources/golden/. A change to any renderer shows here as a diff to review; after a deliberate one,
 * {@code -Dretort.updateGolden=true} writes the files anew.
 */
class GoldenSqlTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    @ParameterizedTest
    @ValueSource(strings = {"postgresql://localhost/app", "mysql://localhost/app", "mariadb://localhost/app", "sqlite:///app.db", "h2:mem:app"})
    void theKitchenSinkRendersAsTheGoldenFileSays(String url) throws IOException {
        Dialect d = Dialects.forUrl(DatabaseUrl.parse(url));
        Migration m = RevisionInterpreter.read(RevisionInterpreterTest.KITCHEN_SINK).orElseThrow();
        SchemaState state = new SchemaState();
        StringBuilder out = new StringBuilder();
        for (Operation o : RevisionInterpreterTest.ops(m, true)) {
            out.append("-- ").append(o.getClass().getSimpleName()).append(' ').append(o.target()).append('\n');
            try {
                for (String sql : d.renderStep(o, state)) out.append(sql).append(";\n");
            } catch (UnsupportedOperationException | IllegalArgumentException refused) {
                out.append("-- refused: ").append(refused.getMessage()).append('\n');
            }
        }
        Path file = GOLDEN.resolve(url.substring(0, url.indexOf(':')) + ".sql");
        if (Boolean.getBoolean("retort.updateGolden")) Files.writeString(file, out, StandardCharsets.UTF_8);
        assertThat(out.toString()).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
