package dev.retort.script;

import java.io.UncheckedIOException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.SortedMap;
import java.util.TreeMap;
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
    private static final Logger log = LoggerFactory.getLogger("dev.retort");
    /** Files in the revision folder already warned about in this process (a long-lived instance reads the folder often). */
    private static final Set<Path> IGNORED = ConcurrentHashMap.newKeySet();
    private final Path versions;
    private final String fileTemplate;

    public ScriptDirectory(Path versions, String fileTemplate) {
        this.versions = versions;
        this.fileTemplate = fileTemplate;
    }

    public Path versions() { return versions; }

    /**
     * The revision files, in order, each with its size and modification time: what tells a long-lived reader that the
     * folder changed. One walk of the folder, which reads each file's attributes as it goes.
     */
    public SortedMap<Path, String> files() {
        SortedMap<Path, String> out = new TreeMap<>();
        if (!Files.isDirectory(versions)) return out;
        try (Stream<Path> s = Files.find(versions, Integer.MAX_VALUE, (p, a) -> {
            String name = p.getFileName().toString();
            if (!name.endsWith(".java") && !name.endsWith(".sql")) {
                if (!a.isDirectory() && !name.startsWith(".") && IGNORED.add(p.toAbsolutePath())) {
                    log.warn("{} is not a revision (revisions are .java or .sql files): ignored", p);
                }
                return false;
            }
            BasicFileAttributes file = a;
            if (a.isSymbolicLink()) { // a linked revision file counts as what it links to
                try {
                    file = Files.readAttributes(p, BasicFileAttributes.class);
                } catch (IOException broken) {
                    return false;
                }
            }
            if (file.isRegularFile()) out.put(p, file.size() + " " + file.lastModifiedTime().toMillis());
            return false;
        })) {
            s.forEach(p -> { });
        } catch (IOException | UncheckedIOException e) {
            throw new RetortException("cannot read revision folder " + versions + ": " + e.getMessage());
        }
        return out;
    }

    public RevisionGraph graph() { return graph(files().keySet()); }

    /** The graph of the given revision files (from {@link #files}). */
    public RevisionGraph graph(Collection<Path> files) {
        if (!Files.isDirectory(versions)) {
            throw new RetortException("no revision folder " + versions + ": run 'retort init' first, or set script_location in retort.toml");
        }
        // reading and hashing each file is most of the cost of every command at 500+ revisions: read on every core,
        // then report the first bad file in folder order, as a sequential read would
        List<Path> paths = List.copyOf(files);
        Stream<Path> stream = paths.size() >= 64 ? paths.parallelStream() : paths.stream();
        List<Object> read = stream.map(p -> {
            try {
                return (Object) HeaderReader.read(p);
            } catch (RetortException e) {
                return e;
            }
        }).toList();
        List<RevisionInfo> all = new ArrayList<>(read.size());
        for (Object r : read) {
            if (r instanceof RetortException e) throw e;
            all.add((RevisionInfo) r);
        }
        return new RevisionGraph(all);
    }

    public static String newId() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** A new revision's identity and the file it will be written to. */
    public RevisionInfo plan(String message, List<String> parents, ZonedDateTime now) { return plan(message, parents, now, null, null); }

    /** {@code id}: the revision's id (null: a new random one); {@code folder}: where inside the revision folder to write it (null: its root). */
    public RevisionInfo plan(String message, List<String> parents, ZonedDateTime now, String givenId, Path folder) {
        String id = givenId == null ? newId() : givenId;
        if (!id.matches("[A-Za-z0-9_]+")) throw new RetortException("--rev-id '" + id + "' may hold only letters, digits and '_'");
        if (HeaderReader.RESERVED.contains(id.toLowerCase(java.util.Locale.ROOT))) throw new RetortException("--rev-id: " + HeaderReader.reserved(id));
        Path base = folder == null ? versions : folder.toAbsolutePath().normalize();
        if (!base.startsWith(versions.toAbsolutePath().normalize())) {
            throw new RetortException("--version-path " + folder + " is outside the revision folder " + versions + ", where Retort reads revisions");
        }
        ZonedDateTime utc = now.withZoneSameInstant(ZoneOffset.UTC);
        String name = fileTemplate
                .replace("{yyyy}", utc.format(DateTimeFormatter.ofPattern("yyyy")))
                .replace("{MM}", utc.format(DateTimeFormatter.ofPattern("MM")))
                .replace("{dd}", utc.format(DateTimeFormatter.ofPattern("dd")))
                .replace("{HHmm}", utc.format(DateTimeFormatter.ofPattern("HHmm")))
                .replace("{HH}", utc.format(DateTimeFormatter.ofPattern("HH")))
                .replace("{mm}", utc.format(DateTimeFormatter.ofPattern("mm")))
                .replace("{ss}", utc.format(DateTimeFormatter.ofPattern("ss")))
                .replace("{id}", id)
                .replace("{slug}", slug(message));
        name = name.replaceAll("_+$", "");
        Path file = base.resolve(name + ".java").normalize();
        if (!file.startsWith(versions.normalize()) || file.getParent() == null) {
            throw new RetortException("file_template \"" + fileTemplate + "\" names " + file + ", outside the revision folder " + versions);
        }
        String created = utc.withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        return new RevisionInfo(id, parents, message, created, true, file, "R" + id, null);
    }

    public Path write(RevisionInfo r, String source) {
        try {
            Files.createDirectories(r.path().getParent());
            Files.writeString(r.path(), source, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
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
