package dev.retort.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code retort clean}: every object in the managed schemas dropped, for a development or test database. */
@Command(name = "clean", mixinStandardHelpOptions = true,
        description = "Drop every object in the managed schemas and the version tables. Needs clean_enabled = true and schemas in retort.toml;"
                + " refuses a database that is not on this machine unless --force.")
final class CleanCmd implements Callable<Integer> {
    @ParentCommand RetortCommand root;
    @Option(names = "--force", description = "Clean a database on another machine too.") boolean force;

    @Override
    public Integer call() {
        List<String> ran = root.retort().clean(force);
        ran.forEach(root.out::println);
        root.out.println("Dropped " + ran.stream().filter(s -> s.startsWith("DROP")).count() + " object(s); the database is at base.");
        return 0;
    }
}
