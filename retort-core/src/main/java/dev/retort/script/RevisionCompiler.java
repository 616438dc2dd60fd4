package dev.retort.script;

import dev.retort.api.Migration;
import dev.retort.api.RetortException;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Compiles revision sources with the JDK compiler, only those that will run, and caches the classes by the source's
 * checksum so an unchanged revision is compiled once.
 */
public final class RevisionCompiler {
    private final Path cacheDir;
    private final List<Path> classpath;
    private final ClassLoader parent;

    public RevisionCompiler(Path cacheDir, List<Path> classpath, ClassLoader parent) {
        this.cacheDir = cacheDir;
        this.classpath = List.copyOf(classpath);
        this.parent = parent;
    }

    /** Loads (compiling what is not cached, in one compiler run) and instantiates the revisions' classes. */
    public Map<String, Migration> load(List<RevisionInfo> revisions) {
        List<RevisionInfo> missing = new ArrayList<>();
        for (RevisionInfo r : revisions) if (!Files.isDirectory(cacheDir.resolve(r.checksum()))) missing.add(r);
        if (!missing.isEmpty()) compile(missing);
        Map<String, Migration> out = new HashMap<>();
        for (RevisionInfo r : revisions) out.put(r.id(), instantiate(r));
        return out;
    }

    private void compile(List<RevisionInfo> revisions) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new RetortException(revisions.get(0).where() + ": revision is not compiled yet and this Java runtime has no compiler; run Retort on a JDK");
        }
        // two revisions declaring the same class name cannot share one compiler run
        Map<String, List<RevisionInfo>> batches = new HashMap<>();
        Set<String> names = new LinkedHashSet<>();
        for (RevisionInfo r : revisions) {
            int n = 0;
            while (batches.getOrDefault(String.valueOf(n), List.of()).stream().anyMatch(x -> x.className().equals(r.className()))) n++;
            batches.computeIfAbsent(String.valueOf(n), k -> new ArrayList<>()).add(r);
            names.add(String.valueOf(n));
        }
        for (String b : names) compileBatch(javac, batches.get(b));
    }

    private void compileBatch(JavaCompiler javac, List<RevisionInfo> batch) {
        try {
            Files.createDirectories(cacheDir);
            Path out = Files.createTempDirectory(cacheDir, "compile-");
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
                List<String> options = List.of("-d", out.toString(), "-classpath", classpathString(), "-encoding", "UTF-8",
                        "-proc:none", "-nowarn", "-g", "-implicit:none");
                Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(batch.stream().map(RevisionInfo::path).toList());
                boolean ok = javac.getTask(null, files, diagnostics, options, null, units).call();
                if (!ok) {
                    Diagnostic<? extends JavaFileObject> first = diagnostics.getDiagnostics().stream()
                            .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).findFirst().orElse(null);
                    String where = first == null || first.getSource() == null ? batch.get(0).where()
                            : Path.of(first.getSource().toUri()) + ":" + first.getLineNumber();
                    String msg = first == null ? "compilation failed" : first.getMessage(Locale.ROOT).lines().findFirst().orElse("");
                    throw new RetortException(where + ": compile error: " + msg);
                }
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

    private String classpathString() {
        Set<String> entries = new LinkedHashSet<>();
        entries.add(ownLocation());
        classpath.forEach(p -> entries.add(p.toAbsolutePath().toString()));
        return String.join(File.pathSeparator, entries);
    }

    /** The jar or class folder Retort's API comes from: revisions compile against it. */
    private static String ownLocation() {
        try {
            return Path.of(Migration.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
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
