package dev.retort.script;

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
    private final Path cacheDir;
    private final List<Path> classpath;
    private final ClassLoader parent;

    private final boolean interpret;

    /** Reads plain revisions without compiling them ({@link RevisionInterpreter}) unless {@code -Dretort.interpret=false}. */
    public RevisionCompiler(Path cacheDir, List<Path> classpath, ClassLoader parent) {
        this(cacheDir, classpath, parent, !"false".equals(System.getProperty("retort.interpret")));
    }

    public RevisionCompiler(Path cacheDir, List<Path> classpath, ClassLoader parent, boolean interpret) {
        this.cacheDir = cacheDir;
        this.classpath = List.copyOf(classpath);
        this.parent = parent;
        this.interpret = interpret;
    }

    /**
     * The revisions' code: plain ones read from their source, the others loaded from the cache of compiled classes
     * (compiling what is not cached first).
     */
    public Map<String, Migration> load(List<RevisionInfo> revisions) {
        Map<String, Migration> out = new HashMap<>();
        List<RevisionInfo> compiled = new ArrayList<>();
        for (RevisionInfo r : revisions) {
            Migration read = interpret ? interpreted(r) : null;
            if (read != null) out.put(r.id(), read);
            else compiled.add(r);
        }
        List<RevisionInfo> missing = new ArrayList<>();
        for (RevisionInfo r : compiled) if (!Files.isDirectory(cacheDir.resolve(r.checksum()))) missing.add(r);
        if (!missing.isEmpty()) compile(missing);
        for (RevisionInfo r : compiled) out.put(r.id(), instantiate(r));
        return out;
    }

    private static Migration interpreted(RevisionInfo r) {
        try {
            return RevisionInterpreter.read(Files.readString(r.path(), java.nio.charset.StandardCharsets.UTF_8)).orElse(null);
        } catch (IOException e) {
            return null; // the compiler reports it
        }
    }

    private void compile(List<RevisionInfo> revisions) {
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
        List<java.util.concurrent.CompletableFuture<Void>> running = new ArrayList<>();
        for (List<RevisionInfo> run : runs) running.add(java.util.concurrent.CompletableFuture.runAsync(() -> compileBatch(run)));
        RuntimeException first = null;
        for (java.util.concurrent.CompletableFuture<Void> f : running) {
            try {
                f.join();
            } catch (java.util.concurrent.CompletionException e) {
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
                Javac.compile(batch.stream().map(RevisionInfo::path).toList(), out, classpath, "revision");
            } catch (RetortException e) {
                deleteTree(out);
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
            URLClassLoader loader = new URLClassLoader(new URL[] {cacheDir.resolve(r.checksum()).toUri().toURL()}, parent);
            Class<?> type = Class.forName(r.className(), true, loader);
            if (!Migration.class.isAssignableFrom(type)) {
                throw new RetortException(r.where() + ": class " + r.className() + " does not implement dev.retort.api.Migration");
            }
            var ctor = type.getDeclaredConstructor();
            ctor.setAccessible(true);
            return (Migration) ctor.newInstance();
        } catch (ReflectiveOperationException | java.net.MalformedURLException | LinkageError e) {
            throw new RetortException(r.where() + ": cannot load class " + r.className() + ": " + e, e);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
