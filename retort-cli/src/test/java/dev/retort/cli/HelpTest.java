package dev.retort.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** --help says what the options do: picocli reads ${...} in descriptions as its own variables unless escaped. */
class HelpTest {
    @Test
    void helpShowsPlaceholdersAsWrittenAndEveryCommand() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"--help"}, new PrintStream(out), new PrintStream(new ByteArrayOutputStream()), Map.of(), Path.of("."));
        assertThat(exit).isZero();
        assertThat(out.toString().replaceAll("\\s+", " ")).contains("and for ${NAME} in SQL revisions and callbacks").doesNotContain("null")
                .contains(" baseline ").contains(" lint ").contains(" clean ").contains(" edit ").contains(" ensure-version ");
    }
}
