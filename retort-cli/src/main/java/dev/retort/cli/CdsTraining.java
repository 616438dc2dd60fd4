package dev.retort.cli;

import dev.retort.script.Javac;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import org.sqlite.JDBC;
import org.sqlite.util.OSInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * What the launcher runs once per jar, under {@code -XX:ArchiveClassesAtExit}, to record the class-data-sharing
 * archive every later command starts from. Recording the user's first command instead made the archive depend on that
 * command: after a first {@code --version}, a no-op {@code upgrade head} took 0.39 s rather than 0.32 s. So this loads
 * the classes of Retort, its command line, configuration and logging libraries and the four JDBC drivers, and runs
 * offline scripts for each database, commands against embedded SQLite and H2 files and one compile, in a temporary
 * directory.
 */
final class CdsTraining {
    private CdsTraining() {}

    /** Packages (as jar paths) whose classes are loaded; Hibernate, which only JPA models need, is left out. */
    static final List<String> PACKAGES = List.of("dev/retort/", "picocli/", "com/electronwill/", "org/slf4j/",
            "org/postgresql/", "org/mariadb/", "org/sqlite/", "org/h2/");

    static int run() {
        String nativeDir = System.getProperty("retort.sqliteNative");
        if (nativeDir != null) extractSqliteLibrary(Path.of(nativeDir));
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        int loaded = loadClasses();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("retort-cds-");
            Files.writeString(dir.resolve("retort.toml"), "script_location = \"migrations\"\n");
            Path versions = Files.createDirectories(dir.resolve("migrations").resolve("versions"));
            Files.writeString(versions.resolve("a1_create.java"), """
                    import dev.retort.api.*;

                    @Revision(id = "a1", message = "create")
                    class Ra1 implements Migration {
                        @Override
                        public void upgrade(Operations op) {
                            op.createTable("public", "t", t -> {
                                t.column("id", "bigint").identity().primaryKey();
                                t.column("name", "varchar(100)").notNull().defaultValue("'x'");
                                t.index("name");
                            });
                            op.alterColumn("public", "t", "name").type("text");
                        }

                        @Override
                        public void downgrade(Operations op) { op.dropTable("public", "t"); }
                    }
                    """);
            Map<String, String> env = Map.of();
            for (String url : List.of("postgresql://u@localhost/db", "mysql://u@localhost/db", "sqlite:///" + dir.resolve("o.db"), "h2:mem:o")) {
                Main.run(new String[] {"--url", url, "upgrade", "head", "--sql"}, quiet, quiet, env, dir);
            }
            for (String url : List.of("sqlite:///" + dir.resolve("app.db"), "jdbc:h2:" + dir.resolve("h2db"))) {
                for (String[] args : List.of(new String[] {"upgrade", "head"}, new String[] {"current"}, new String[] {"history"},
                        new String[] {"downgrade", "base"})) {
                    String[] full = new String[args.length + 2];
                    full[0] = "--url";
                    full[1] = url;
                    System.arraycopy(args, 0, full, 2, args.length);
                    Main.run(full, quiet, quiet, env, dir);
                }
            }
            // the JDK compiler, for models and for revisions that are not plain
            Path src = dir.resolve("Rb2.java");
            Files.writeString(src, "import dev.retort.api.*;\n@Revision(id = \"b2\")\nclass Rb2 implements Migration {\n"
                    + "    public void upgrade(Operations op) { String t = \"x\"; op.dropTable(\"public\", t); }\n"
                    + "    public void downgrade(Operations op) { }\n}\n");
            Javac.compile(List.of(src), Files.createDirectories(dir.resolve("classes")), List.of(), "revision");
            // the network drivers' connection paths as far as a refused connection goes
            Main.run(new String[] {"--url", "postgresql://u@127.0.0.1:1/db", "current"}, quiet, quiet, env, dir);
            Main.run(new String[] {"--url", "mysql://u@127.0.0.1:1/db", "current"}, quiet, quiet, env, dir);
            Main.run(new String[] {"--help"}, quiet, quiet, env, dir);
        } catch (IOException | RuntimeException e) {
            // a partial recording still helps; the launcher runs the command either way
        } finally {
            if (dir != null) delete(dir);
        }
        return loaded;
    }

    /**
     * The SQLite driver copies its native library out of the jar into the temporary directory on every start (about
     * 0.1 s of each SQLite command); the launcher keeps one copy beside the jar instead and points the driver at it.
     * Written under a temporary name and moved into place, like the class-data archive.
     */
    static void extractSqliteLibrary(Path dir) {
        String resource = "/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + System.mapLibraryName("sqlitejdbc");
        try (InputStream in = JDBC.class.getResourceAsStream(resource)) {
            if (in == null) return; // no library for this platform in the jar: the driver finds its own way
            Files.createDirectories(dir);
            Path tmp = dir.resolve("libsqlitejdbc." + ProcessHandle.current().pid());
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, dir.resolve("libsqlitejdbc"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // the driver extracts its own copy, as without the launcher
        }
    }

    private static void delete(Path dir) {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException | RuntimeException e) {
            // a temporary directory left behind
        }
    }

    private static int loadClasses() {
        int n = 0;
        ClassLoader loader = CdsTraining.class.getClassLoader();
        try {
            Path jar = Path.of(CdsTraining.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(jar)) return 0;
            try (JarFile f = new JarFile(jar.toFile())) {
                for (Enumeration<JarEntry> e = f.entries(); e.hasMoreElements(); ) {
                    String name = e.nextElement().getName();
                    if (!name.endsWith(".class") || name.contains("-") || PACKAGES.stream().noneMatch(name::startsWith)) continue;
                    try {
                        Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
                        n++;
                    } catch (ClassNotFoundException | LinkageError skipped) {
                        // an optional dependency of the driver is missing: not needed
                    }
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return n;
        }
        return n;
    }
}
