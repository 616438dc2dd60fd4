package dev.retort.script;

import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.retort.api.Migration;
import dev.retort.api.RetortException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Compiles revision sources with the JDK compiler, only those that will run, and caches the classes by the source's
 * checksum so an unchanged revision is compiled once.
 */
public final class RevisionCompiler {
    private static final Logger log = LoggerFactory.getLogger("dev.retort");
    private Path cacheDir;
    private final Supplier<Models> models;
    private Models resolved;
    private final boolean interpret;

    /**
     * What compiled revisions compile and load against: the model classpath and class loader. Asked for only when a
     * revision is compiled, so plain revisions run even when the models do not build.
     */
    public record Models(List<Path> classpath, ClassLoader loader) {}

    /** Reads plain revisions without compiling them ({@link RevisionInterpreter}) unless {@code -Dretort.interpret=false}. */
    public RevisionCompiler(Path cacheDir, Supplier<Models> models) {
        this(cacheDir, models, !"false".equals(System.getProperty("retort.interpret")));
    }

    public RevisionCompiler(Path cacheDir, List<Path> classpath, ClassLoader parent, boolean interpret) {
        this(cacheDir, () -> new Models(List.copyOf(classpath), parent), interpret);
    }

    private RevisionCompiler(Path cacheDir, Supplier<Models> models, boolean interpret) {
        this.cacheDir = cacheDir;
        this.models = models;
        this.interpret = interpret;
    }

    private ClassLoader applicationClasses;

    /**
     * Revisions compiled into the application: a revision that is not plain runs from the class of its name that this
     * loader finds, when that class carries the same {@code @Revision} id, instead of being compiled (an application
     * jar on a runtime without a JDK).
     */
    public RevisionCompiler withApplicationClasses(ClassLoader loader) {
        this.applicationClasses = loader;
        return this;
    }

    /** Why the models did not build, when revisions are compiled without them; null while they build. */
    private String modelFailure;

    /**
     * The models, or, when they do not build, none: a revision that never uses them compiles and runs all the same,
     * and one that does fails naming both its own error and the models'.
     */
    private Models models() {
        if (resolved == null) {
            try {
                resolved = models.get();
            } catch (RetortException e) {
                modelFailure = e.getMessage();
                org.slf4j.LoggerFactory.getLogger("dev.retort").warn("The models do not build ({}); revisions are compiled without them", modelFailure);
                resolved = new Models(List.of(), Migration.class.getClassLoader());
            }
        }
        return resolved;
    }

    /**
     * The revisions' code: plain ones read from their source, the others loaded from the cache of compiled classes
     * (compiling what is not cached first).
     */
    public Map<String, Migration> load(List<RevisionInfo> revisions) {
        Map<String, Migration> out = new HashMap<>();
        List<RevisionInfo> compiled = new ArrayList<>();
        for (RevisionInfo r : revisions) {
            if (r.sql()) {
                out.put(r.id(), sqlRevision(r));
                continue;
            }
            Migration read = interpret ? interpreted(r) : null;
            if (read == null) read = applicationClass(r);
            if (read != null) out.put(r.id(), read);
            else compiled.add(r);
        }
        List<RevisionInfo> missing = new ArrayList<>();
        for (RevisionInfo r : compiled) if (!Files.isDirectory(cacheDir.resolve(r.checksum()))) missing.add(r);
        if (!missing.isEmpty() && !writable(cacheDir)) {
            // a read-only deploy (a container image, a mounted volume): compile into a folder of this process instead
            try {
                Path temporary = Files.createTempDirectory("retort-cache-");
                log.info("The revision cache {} cannot be written; compiling {} revision(s) into {}", cacheDir, missing.size(), temporary);
                for (RevisionInfo r : compiled) {
                    if (!missing.contains(r)) copyTree(cacheDir.resolve(r.checksum()), temporary.resolve(r.checksum()));
                }
                cacheDir = temporary;
            } catch (IOException e) {
                throw new RetortException("the revision cache " + cacheDir + " cannot be written, nor a temporary folder: " + e.getMessage(), e);
            }
        }
        if (!missing.isEmpty()) compile(missing);
        for (RevisionInfo r : compiled) out.put(r.id(), instantiate(r));
        return out;
    }

    /** Whether the cache folder can be made and written (its nearest existing folder, if it is not there yet). */
    public static boolean writable(Path dir) {
        Path p = dir;
        while (p != null && !Files.exists(p)) p = p.getParent();
        if (p == null || !Files.isDirectory(p) || !Files.isWritable(p)) return false;
        if (!Files.exists(dir)) return true;
        try { // permissions can say yes on a read-only file system
            Files.deleteIfExists(Files.createTempFile(dir, "probe-", ".tmp"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }

    private Migration applicationClass(RevisionInfo r) {
        if (applicationClasses == null) return null;
        Class<?> type;
        try {
            type = Class.forName(r.className(), false, applicationClasses);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        dev.retort.api.Revision declared = type.getAnnotation(dev.retort.api.Revision.class);
        if (declared == null || !declared.id().equals(r.id())) return null;
        return construct(r, type);
    }

    private static Migration sqlRevision(RevisionInfo r) {
        try {
            return SqlRevision.of(r, Files.readString(r.path(), StandardCharsets.UTF_8));
        } catch (IOException | UncheckedIOException e) {
            throw new RetortException(r.where() + ": cannot read revision file: " + e.getMessage(), e);
        }
    }

    private static Migration interpreted(RevisionInfo r) {
        try {
            return RevisionInterpreter.read(Files.readString(r.path(), StandardCharsets.UTF_8)).orElse(null);
        } catch (IOException e) {
            return null; // the compiler reports it
        }
    }

    private void compile(List<RevisionInfo> revisions) {
        models(); // once, before compiler runs share it
        // two revisions declaring the same class name cannot share one compiler run
        List<List<RevisionInfo>> batches = new ArrayList<>();
        for (RevisionInfo r : revisions) {
            List<RevisionInfo> home = batches.stream()
                    .filter(b -> b.stream().noneMatch(x -> x.className().equals(r.className()))).findFirst().orElse(null);
            if (home == null) batches.add(home = new ArrayList<>());
            home.add(r);
        }
        // a large batch is split across the cores: revisions do not refer to each other, so compiler runs are independent
        int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
        List<List<RevisionInfo>> runs = new ArrayList<>();
        for (List<RevisionInfo> b : batches) {
            if (b.size() < PARALLEL_FROM || cores == 1) {
                runs.add(b);
                continue;
            }
            int size = (b.size() + cores - 1) / cores;
            for (int i = 0; i < b.size(); i += size) runs.add(b.subList(i, Math.min(b.size(), i + size)));
        }
        if (runs.size() == 1) {
            compileBatch(runs.get(0));
            return;
        }
        // every run finishes (and cleans up) before the first failure is reported
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (List<RevisionInfo> run : runs) running.add(CompletableFuture.runAsync(() -> compileBatch(run)));
        RuntimeException first = null;
        for (CompletableFuture<Void> f : running) {
            try {
                f.join();
            } catch (CompletionException e) {
                if (first == null) first = e.getCause() instanceof RuntimeException re ? re : e;
            }
        }
        if (first != null) throw first;
    }

    /** Sources from which compiling in several compiler runs at once pays for starting each. */
    static final int PARALLEL_FROM = 64;

    private void compileBatch(List<RevisionInfo> batch) {
        try {
            Files.createDirectories(cacheDir);
            Path out = Files.createTempDirectory(cacheDir, "compile-");
            try {
                Javac.compile(batch.stream().map(RevisionInfo::path).toList(), out, models().classpath(), "revision");
            } catch (RetortException e) {
                deleteTree(out);
                if (modelFailure != null) throw new RetortException(e.getMessage() + " (and the models, which revisions compile against, do not build: "
                        + modelFailure + ")", e);
                throw e;
            }
            for (RevisionInfo r : batch) {
                Path target = cacheDir.resolve(r.checksum());
                Path staging = Files.createTempDirectory(cacheDir, "stage-");
                String pkgPath = r.className().contains(".") ? r.className().substring(0, r.className().lastIndexOf('.')).replace('.', '/') : "";
                String simple = r.className().substring(r.className().lastIndexOf('.') + 1);
                Path from = pkgPath.isEmpty() ? out : out.resolve(pkgPath);
                Path to = pkgPath.isEmpty() ? staging : Files.createDirectories(staging.resolve(pkgPath));
                try (Stream<Path> s = Files.list(from)) {
                    for (Path p : s.toList()) {
                        String f = p.getFileName().toString();
                        if (f.equals(simple + ".class") || f.startsWith(simple + "$")) Files.move(p, to.resolve(f));
                    }
                }
                try {
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException raced) {
                    deleteTree(staging); // another process cached the same source first
                }
            }
            deleteTree(out);
        } catch (IOException e) {
            throw new RetortException("cannot write compiled revisions to " + cacheDir + ": " + e.getMessage(), e);
        }
    }

    private Migration instantiate(RevisionInfo r) {
        try {
            URLClassLoader loader = new URLClassLoader(new URL[] {cacheDir.resolve(r.checksum()).toUri().toURL()}, models().loader());
            return construct(r, Class.forName(r.className(), true, loader));
        } catch (ReflectiveOperationException | MalformedURLException | LinkageError e) {
            throw new RetortException(r.where() + ": cannot load class " + r.className() + ": " + e, e);
        }
    }

    private static Migration construct(RevisionInfo r, Class<?> type) {
        if (!Migration.class.isAssignableFrom(type)) {
            throw new RetortException(r.where() + ": class " + r.className() + " does not implement dev.retort.api.Migration");
        }
        try {
            var ctor = type.getDeclaredConstructor();
            ctor.setAccessible(true);
            return (Migration) ctor.newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new RetortException(r.where() + ": cannot create " + r.className() + ": " + e, e);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
