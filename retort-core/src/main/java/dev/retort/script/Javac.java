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
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The JDK compiler, for revision and model sources: one run per call, the first error as a one-line message. */
public final class Javac {
    private Javac() {}

    public static void compile(List<Path> sources, Path outDir, List<Path> classpath, String what) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new RetortException(sources.get(0) + ": " + what + " needs compiling and this Java runtime has no compiler; run Retort on a JDK");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-d", outDir.toString(), "-classpath", classpath(classpath), "-encoding", "UTF-8",
                    "-proc:none", "-nowarn", "-g", "-implicit:none");
            boolean ok = javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources)).call();
            if (!ok) {
                Diagnostic<? extends JavaFileObject> first = diagnostics.getDiagnostics().stream()
                        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).findFirst().orElse(null);
                String where = first == null || first.getSource() == null ? sources.get(0).toString()
                        : Path.of(first.getSource().toUri()) + ":" + first.getLineNumber();
                String msg = first == null ? "compilation failed" : first.getMessage(Locale.ROOT).lines().findFirst().orElse("");
                throw new RetortException(where + ": compile error: " + msg);
            }
        } catch (IOException e) {
            throw new RetortException("cannot compile " + what + ": " + e.getMessage(), e);
        }
    }

    private static String classpath(List<Path> extra) {
        Set<String> entries = new LinkedHashSet<>();
        entries.add(ownLocation());
        extra.forEach(p -> entries.add(p.toAbsolutePath().toString()));
        return String.join(File.pathSeparator, entries);
    }

    /** The jar or class folder Retort's API comes from: revisions and models compile against it. */
    private static String ownLocation() {
        try {
            return Path.of(Migration.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
