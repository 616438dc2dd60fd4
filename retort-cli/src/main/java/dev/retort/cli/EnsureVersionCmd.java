package dev.retort.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** {@code retort ensure-version}: the version and history tables, made if missing, and nothing else. */
@Command(name = "ensure-version", mixinStandardHelpOptions = true, description = "Create the version and history tables if they do not exist; nothing else.")
final class EnsureVersionCmd implements Callable<Integer> {
    @ParentCommand RetortCommand root;

    @Override
    public Integer call() {
        boolean made = root.retort().ensureVersionTables();
        root.out.println(made ? "Created the version tables." : "The version tables exist already.");
        return 0;
    }
}
