package dev.retort.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A copy of a project folder in which tests run retort commands in-process, as a user would in a shell. */
final class Project {
    final Path dir;
    final Map<String, String> env = new HashMap<>();

    record Result(int exit, String out, String err) {
        @Override public String toString() { return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err; }
    }

    Project(Path dir) { this.dir = dir; }

    /** A copy of examples/stratsim (models, config and committed revisions). */
    static Project stratsim(Path tmp) {
        Path example = repoRoot().resolve("examples/stratsim");
        copy(example, tmp);
        return new Project(tmp);
    }

    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("examples/stratsim/retort.toml"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("cannot find the repository root from " + Path.of("").toAbsolutePath());
        return p;
    }

    static void copy(Path from, Path to) {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path rel = from.relativize(p);
                if (rel.toString().contains(".cache") || rel.toString().startsWith(".retort")) continue; // build output, a local database
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int exit = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env, dir);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Path file(String rel) { return dir.resolve(rel); }

    /** The revision folder's one head, as heads prints it. */
    String head() { return run("heads").out().split(" ")[0]; }

    /** The stratsim example in {@code dir}, on the given database. */
    static Project stratsimOn(Path dir, dev.retort.testing.Db db) {
        Project p = stratsim(dir);
        p.env.put("DATABASE_URL", db.url());
        return p;
    }

    String read(String rel) {
        try {
            return Files.readString(dir.resolve(rel));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(String rel, String text) {
        try {
            Files.createDirectories(dir.resolve(rel).getParent());
            Files.writeString(dir.resolve(rel), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces text in a file, failing if the text is not there (so a test cannot silently edit nothing). */
    void edit(String rel, String from, String to) {
        String text = read(rel);
        if (!text.contains(from)) throw new IllegalStateException(rel + " does not contain: " + from);
        write(rel, text.replace(from, to));
    }

    List<Path> revisions() {
        try (Stream<Path> s = Files.list(dir.resolve("migrations/versions"))) {
            return new ArrayList<>(s.filter(p -> p.toString().endsWith(".java")).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void clearRevisions() {
        for (Path p : revisions()) {
            try {
                Files.delete(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The newest revision file's text (by name, which starts with its creation time, then by modification). */
    String newestRevision(List<Path> before) {
        List<Path> now = revisions();
        now.removeAll(before);
        if (now.size() != 1) throw new IllegalStateException("expected one new revision, found " + now);
        try {
            return Files.readString(now.get(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
