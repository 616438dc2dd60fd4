package dev.retort.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
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

    /**
     * The launcher records the archive its JDK can use: a dynamic archive before JDK 25, an ahead-of-time cache named
     * after the JDK's version from 25 on, and runs with it afterwards; a cache recorded for an older jar is removed.
     */
    @Test
    void eachJdkGetsTheArchiveItCanUse() throws Exception {
        Path jdk25 = newestJdk();
        Assumptions.assumeTrue(jdk25 != null, "no JDK 25 or later under /usr/lib/jvm");
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Files.copy(LAUNCHER, bin.resolve("retort"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(LAUNCHER.resolveSibling("retort.jar"), bin.resolve("retort.jar"));
        Path stale = Files.writeString(bin.resolve("retort-jdk24.0.1.aot"), "another JDK's cache, for an older jar");
        Files.setLastModifiedTime(stale, FileTime.fromMillis(Files.getLastModifiedTime(bin.resolve("retort.jar")).toMillis() - 60_000));
        String version = release(jdk25);
        for (int run = 0; run < 2; run++) {
            assertThat(version(bin, jdk25.resolve("bin/java").toString())).contains("retort 0.1.0");
            try (var files = Files.list(bin)) {
                assertThat(files.map(f -> f.getFileName().toString()))
                        .contains("retort-jdk" + version + ".aot")
                        .doesNotContain("retort-jdk24.0.1.aot", "retort.jsa")
                        .noneMatch(f -> f.matches(".*\\.(aot|jsa)\\..*")); // no temporary file left
            }
        }
        assertThat(version(bin, "java")).contains("retort 0.1.0");
        assertThat(bin.resolve("retort.jsa")).as("the default JDK's dynamic archive").exists();
        assertThat(bin.resolve("retort-jdk" + version + ".aot")).exists();
    }

    private String version(Path bin, String java) throws Exception {
        Path log = tmp.resolve("version.log");
        ProcessBuilder pb = new ProcessBuilder(bin.resolve("retort").toString(), "--version").directory(tmp.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JAVA", java);
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = Processes.read(log);
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    /** A JDK of version 25 or later under /usr/lib/jvm, or null. */
    private static Path newestJdk() throws Exception {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) return null;
        try (var dirs = Files.list(jvms)) {
            for (Path d : dirs.sorted().toList()) {
                String v = release(d);
                if (v != null && Files.isExecutable(d.resolve("bin/java")) && Integer.parseInt(v.split("\\.")[0]) >= 25) return d;
            }
        }
        return null;
    }

    private static String release(Path jdk) throws Exception {
        Path release = jdk.resolve("release");
        if (!Files.isRegularFile(release)) return null;
        for (String line : Files.readAllLines(release)) {
            if (line.startsWith("JAVA_VERSION=")) return line.substring("JAVA_VERSION=".length()).replace("\"", "");
        }
        return null;
    }
}
