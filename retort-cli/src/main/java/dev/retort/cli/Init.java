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
import java.util.concurrent.Callable;

/** {@code retort init}: a revision folder and a retort.toml to start from. */
@Command(name = "init", mixinStandardHelpOptions = true, description = "Create a revision folder and a retort.toml, and keep .retort/ (the embedded database) out of git.")
final class Init implements Callable<Integer> {
    @ParentCommand RetortCommand root;
    @Parameters(index = "0", defaultValue = "migrations", paramLabel = "DIR", description = "Revision folder (default: migrations).")
    String dir;

    @Override
    public Integer call() throws IOException {
        Path folder = root.cwd.resolve(dir).normalize();
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
        Path toml = root.cwd.resolve(root.configFile == null ? "retort.toml" : root.configFile);
        if (!Files.exists(toml)) {
            Files.writeString(toml, """
                    # Retort configuration: https://github.com/retort (see README.md)
                    script_location = "%s"
                    # The database: --url, RETORT_URL or DATABASE_URL, else url here, else the embedded H2 file .retort/db.
                    # url = "postgresql://localhost/app"   # mysql://…, sqlite:///app.db, h2:file:./db/app
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
                    """.formatted(root.cwd.relativize(folder).toString().replace('\\', '/')), StandardCharsets.UTF_8);
            root.out.println("Created " + toml);
        }
        root.out.println("Created revision folder " + versions);
        return 0;
    }
}
