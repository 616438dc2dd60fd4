package dev.retort.cli;

import dev.retort.Retort;
import dev.retort.api.RetortException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code retort init}: a revision folder and a retort.toml to start from. */
@Command(name = "init", mixinStandardHelpOptions = true, description = "Create a revision folder and a retort.toml, and keep .retort/ (the embedded database) out of git.")
final class Init implements Callable<Integer> {
    @ParentCommand RetortCommand root;
    @Parameters(index = "0", defaultValue = "migrations", paramLabel = "DIR", description = "Revision folder (default: migrations).")
    String dir;
    @picocli.CommandLine.Option(names = "--template", paramLabel = "NAME", defaultValue = "default",
            description = "default: one database; multidb: a folder per database (--database NAME, repeatable), each with its retort.toml and revisions.")
    String template;
    @picocli.CommandLine.Option(names = "--database", paramLabel = "NAME", description = "A database of the multidb template (default: primary and secondary).")
    java.util.List<String> databases = new java.util.ArrayList<>();

    @Override
    public Integer call() throws IOException {
        if (template.equals("multidb")) return multidb();
        if (!template.equals("default")) throw new RetortException("--template must be default or multidb, not '" + template + "'");
        return single(root.cwd, root.cwd.resolve(root.configFile == null ? "retort.toml" : root.configFile), null);
    }

    /**
     * One project per database: {@code NAME/retort.toml} and {@code NAME/migrations/versions/}, the URL from
     * {@code NAME_DATABASE_URL}; each runs with {@code retort -c NAME/retort.toml ...}.
     */
    private int multidb() throws IOException {
        List<String> names = databases.isEmpty() ? List.of("primary", "secondary") : databases;
        for (String name : names) {
            if (!name.matches("[A-Za-z0-9_-]+")) throw new RetortException("--database '" + name + "' must be a folder name (letters, digits, '_' and '-')");
            Path home = root.cwd.resolve(name);
            single(home, home.resolve("retort.toml"), name.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_DATABASE_URL");
        }
        root.out.println("Each database is a project of its own: retort -c " + names.get(0) + "/retort.toml upgrade head");
        return 0;
    }

    /** A revision folder {@code dir} under {@code home}, and a retort.toml if there is none. {@code urlVariable}: where its URL comes from. */
    private int single(Path home, Path toml, String urlVariable) throws IOException {
        Path folder = home.resolve(dir).normalize();
        Path versions = folder.resolve("versions");
        if (Files.isDirectory(versions)) throw new RetortException("revision folder " + folder + " already exists");
        Files.createDirectories(versions);
        Files.writeString(folder.resolve(".gitignore"), ".cache/\n", StandardCharsets.UTF_8);
        // the embedded default database lives in .retort/ beside retort.toml: keep it out of version control
        Path ignore = root.cwd.resolve(".gitignore");
        String ignored = Files.exists(ignore) ? Files.readString(ignore, StandardCharsets.UTF_8) : "";
        if (ignored.lines().noneMatch(l -> l.strip().equals(".retort/"))) {
            Files.writeString(ignore, ignored + (ignored.isEmpty() || ignored.endsWith("\n") ? "" : "\n") + ".retort/\n", StandardCharsets.UTF_8);
        }
        if (!Files.exists(toml)) {
            Files.writeString(toml, """
                    # Retort configuration: https://github.com/retort (see README.md)
                    script_location = "%s"
                    # The database: --url, RETORT_URL or DATABASE_URL, else url here, else the embedded H2 file .retort/db.
                    %s
                    # Schemas Retort manages (default: the ones the models declare).
                    # schemas = ["public"]
                    compare_type = true
                    compare_server_default = true
                    # transaction_per = "migration"   # or "run"
                    # connect_timeout = 10   # seconds to connect and log in before giving up

                    [models]
                    # Model classes or packages (classes implementing dev.retort.model.Model).
                    # classes = ["com.example.db.Schema"]
                    # Where they are: compiled classes and jars, or sources Retort compiles itself.
                    # classpath = ["target/classes"]
                    # sources = ["src/main/java/com/example/db"]
                    """.formatted(home.relativize(folder).toString().replace('\\', '/'), urlVariable == null
                    ? "# url = \"postgresql://localhost/app\"   # mysql://…, sqlite:///app.db, h2:file:./db/app"
                    : "url = \"${" + urlVariable + "}\""), StandardCharsets.UTF_8);
            root.out.println("Created " + toml);
        }
        root.out.println("Created revision folder " + versions);
        return 0;
    }
}
