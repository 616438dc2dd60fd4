package dev.retort.cli;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Colour only on a terminal, never with NO_COLOR, and never in output a program reads. */
class ColourTest {
    @Test
    void onlyOnATerminalAndNeverWithNoColor() {
        assertThat(Colour.decide(Map.of(), true)).isTrue();
        assertThat(Colour.decide(Map.of(), false)).isFalse();
        assertThat(Colour.decide(Map.of("NO_COLOR", "1"), true)).isFalse();
        assertThat(Colour.decide(Map.of("NO_COLOR", ""), true)).isTrue(); // no-color.org: set to something
        assertThat(Colour.decide(Map.of("TERM", "dumb"), true)).isFalse();
        assertThat(Colour.decide(Map.of("RETORT_COLOR", "always"), false)).isTrue();
        assertThat(Colour.decide(Map.of("RETORT_COLOR", "always", "NO_COLOR", "x"), false)).isFalse();
        assertThat(Colour.decide(Map.of("RETORT_COLOR", "never"), true)).isFalse();
    }

    @Test
    void pipedOutputHasNoEscapes() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("colour");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(), err = new java.io.ByteArrayOutputStream();
        int exit = Main.run(new String[] {"upgrade", "nope"}, new java.io.PrintStream(out), new java.io.PrintStream(err), Map.of("RETORT_COLOR", "auto"), dir);
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("retort: error: ").doesNotContain("\u001b[");
        java.io.ByteArrayOutputStream forced = new java.io.ByteArrayOutputStream();
        Main.run(new String[] {"--help"}, new java.io.PrintStream(forced), new java.io.PrintStream(err), Map.of("RETORT_COLOR", "always"), dir);
        assertThat(forced.toString()).contains("\u001b[");
    }
}
