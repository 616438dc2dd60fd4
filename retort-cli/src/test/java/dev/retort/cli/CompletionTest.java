package dev.retort.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** retort completion SHELL: scripts that complete subcommands and options; bash's is run by bash. */
class CompletionTest {
    @TempDir Path tmp;

    /** What bash offers after typing {@code line} and TAB, with the script sourced. */
    private String bashCompletes(Path script, String... words) throws Exception {
        String cmd = "source " + script + "; COMP_WORDS=(" + String.join(" ", words) + "); COMP_CWORD=" + (words.length - 1)
                + "; COMP_LINE='" + String.join(" ", words) + "'; COMP_POINT=${#COMP_LINE}; _complete_retort; printf '%s\\n' \"${COMPREPLY[@]}\"";
        Path out = tmp.resolve("out.txt");
        Process p = new ProcessBuilder("bash", "-c", cmd).redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(out.toFile()).start(); // compopt complains outside a real completion
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return Files.readString(out);
    }

    @Test
    void bashCompletesSubcommandsAndTheirOptions() throws Exception {
        Project p = new Project(tmp);
        Project.Result r = p.run("completion", "bash");
        assertThat(r.exit()).as(r.toString()).isZero();
        Path script = tmp.resolve("retort.bash");
        Files.writeString(script, r.out());
        assertThat(bashCompletes(script, "retort", "upg").lines()).containsExactly("upgrade");
        assertThat(bashCompletes(script, "retort", "down").lines()).containsExactly("downgrade");
        assertThat(bashCompletes(script, "retort", "upgrade", "--ig").lines()).containsExactly("--ignore-checksums");
        assertThat(bashCompletes(script, "retort", "").lines()).contains("upgrade", "downgrade", "history", "check", "diff", "completion");
    }

    @Test
    void zshGetsTheBashScriptThroughBashcompinitAndFishItsOwnLines() {
        Project p = new Project(tmp);
        Project.Result zsh = p.run("completion", "zsh");
        assertThat(zsh.exit()).isZero();
        assertThat(zsh.out()).startsWith("autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n")
                .contains("complete -F _complete_retort");
        Project.Result fish = p.run("completion", "fish");
        assertThat(fish.exit()).isZero();
        assertThat(fish.out()).contains("complete -c retort -n __fish_use_subcommand -a 'upgrade' -d 'Upgrade the database to a target (default: head).'")
                .contains("complete -c retort -n '__fish_seen_subcommand_from upgrade' -l ignore-checksums")
                // a single quote in a description is escaped, not the end of the string
                .contains("the JDBC drivers\\' own log");
    }

    @Test
    void anUnknownShellIsAOneLineErrorWithExitTwo() {
        Project.Result r = new Project(tmp).run("completion", "tcsh");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("retort: error: no completion for shell 'tcsh': give bash, zsh or fish");
    }
}
