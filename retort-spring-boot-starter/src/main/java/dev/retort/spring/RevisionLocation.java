package dev.retort.spring;

import dev.retort.api.RetortException;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The revision folder of {@code retort.location}: a folder on disk as it is, or a classpath folder (inside the
 * application jar) copied to a temporary folder, which is deleted when the application stops.
 */
final class RevisionLocation implements AutoCloseable {
    private final Path folder;
    private final boolean copied;

    private RevisionLocation(Path folder, boolean copied) {
        this.folder = folder;
        this.copied = copied;
    }

    Path folder() { return folder; }

    static RevisionLocation of(String location, ResourceLoader loader) {
        if (location == null || location.isBlank()) throw new RetortException("retort.location is set but empty: name the revisions' folder");
        if (!location.startsWith("classpath:")) {
            Path dir = Path.of(location.startsWith("file:") ? location.substring(5) : location).toAbsolutePath().normalize();
            if (!Files.isDirectory(dir.resolve("versions"))) throw new RetortException("retort.location " + location + ": no folder " + dir.resolve("versions"));
            return new RevisionLocation(dir, false);
        }
        String base = location.substring("classpath:".length()).replaceAll("^/+|/+$", "");
        ResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(loader);
        try {
            Path dir = Files.createTempDirectory("retort-revisions-");
            int found = 0;
            for (Resource r : resolver.getResources("classpath*:" + base + "/**/*")) {
                String url = r.getURL().toString();
                int at = url.lastIndexOf(base + "/");
                String rel = at < 0 ? "" : url.substring(at + base.length() + 1);
                if (rel.isEmpty() || rel.endsWith("/") || !r.isReadable()) continue;
                Path target = dir.resolve(rel).normalize();
                if (!target.startsWith(dir)) continue;
                try (InputStream in = r.getInputStream()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException notAFile) {
                    continue; // a folder entry
                }
                if (rel.startsWith("versions/")) found++;
            }
            if (found == 0) {
                new RevisionLocation(dir, true).close();
                throw new RetortException("retort.location " + location + ": no revisions in " + base + "/versions/ on the classpath"
                        + " (put them in src/main/resources/" + base + "/versions/, or set retort.location)");
            }
            return new RevisionLocation(dir, true);
        } catch (IOException e) {
            throw new RetortException("cannot read the revisions at " + location + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (!copied) return;
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
