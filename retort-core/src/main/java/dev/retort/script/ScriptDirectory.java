package dev.retort.script;

import dev.retort.api.RetortException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The revision folder: reads every revision's header into a graph, and writes new revision files. */
public final class ScriptDirectory {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Path versions;
    private final String fileTemplate;

    public ScriptDirectory(Path versions, String fileTemplate) {
        this.versions = versions;
        this.fileTemplate = fileTemplate;
    }

    public Path versions() { return versions; }

    /** Each revision file's path, size and modification time: what {@link #graph} would read, without reading it. */
    public List<String> stamp() {
        if (!Files.isDirectory(versions)) return List.of();
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(versions)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                var a = Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class);
                out.add(p + " " + a.size() + " " + a.lastModifiedTime().toMillis() + " " + a.isRegularFile());
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of("unreadable " + System.nanoTime()); // never equal: graph() reads again and reports it
        }
        return out;
    }

    public RevisionGraph graph() {
        if (!Files.isDirectory(versions)) {
            throw new RetortException("no revision folder " + versions + ": run 'retort init' first, or set script_location in retort.toml");
        }
        List<RevisionInfo> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(versions)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).sorted().toList()) {
                all.add(HeaderReader.read(p));
            }
        } catch (IOException e) {
            throw new RetortException("cannot read revision folder " + versions + ": " + e.getMessage());
        }
        return new RevisionGraph(all);
    }

    public static String newId() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** A new revision's identity and the file it will be written to. */
    public RevisionInfo plan(String message, List<String> parents, ZonedDateTime now) {
        String id = newId();
        ZonedDateTime utc = now.withZoneSameInstant(ZoneOffset.UTC);
        String name = fileTemplate
                .replace("{yyyy}", utc.format(DateTimeFormatter.ofPattern("yyyy")))
                .replace("{MM}", utc.format(DateTimeFormatter.ofPattern("MM")))
                .replace("{dd}", utc.format(DateTimeFormatter.ofPattern("dd")))
                .replace("{HHmm}", utc.format(DateTimeFormatter.ofPattern("HHmm")))
                .replace("{id}", id)
                .replace("{slug}", slug(message));
        name = name.replaceAll("_+$", "");
        String created = utc.withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        return new RevisionInfo(id, parents, message, created, true, versions.resolve(name + ".java"), "R" + id, null);
    }

    public Path write(RevisionInfo r, String source) {
        try {
            Files.createDirectories(versions);
            Files.writeString(r.path(), source, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW);
            return r.path();
        } catch (IOException e) {
            throw new RetortException("cannot write revision " + r.path() + ": " + e.getMessage());
        }
    }

    static String slug(String message) {
        String s = message.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return s.length() > 40 ? s.substring(0, 40).replaceAll("_+$", "") : s;
    }
}
