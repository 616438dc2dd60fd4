package dev.retort.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** bin/retort as users put it on their PATH: through a symbolic link, and a link to a link. Needs the packaged jar. */
@Tag("packaged")
class LauncherTest {
    private static final Path LAUNCHER = Path.of("").toAbsolutePath().getParent().resolve("bin/retort");

    @TempDir Path tmp;

    @Test
    void aSymbolicLinkToTheLauncherFindsTheJarBesideTheLauncher() throws Exception {
        assertThat(LAUNCHER.resolveSibling("retort.jar")).as("built by mvn package").exists();
        Path onPath = Files.createDirectories(tmp.resolve("path"));
        Files.createSymbolicLink(onPath.resolve("retort"), LAUNCHER);
        Path other = Files.createDirectories(tmp.resolve("other"));
        Files.createSymbolicLink(other.resolve("rt"), Path.of("../path/retort")); // relative, and a link to a link
        for (Path link : new Path[] {onPath.resolve("retort"), other.resolve("rt")}) {
            Path log = tmp.resolve(link.getFileName() + ".log");
            Process p = new ProcessBuilder(link.toString(), "--version").directory(tmp.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String out = Processes.read(log);
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).as(link.toString()).contains("retort 0.1.0").doesNotContain("missing");
        }
    }
}
