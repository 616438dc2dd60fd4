package dev.retort.cli;

import dev.retort.command.Baseline;
import dev.retort.runtime.Migrator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code retort baseline}: adopt a database that already holds the schema, from nothing, Flyway or Alembic. */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = "Record a revision as applied on a database that already holds its schema (checked first), optionally importing Flyway's or Alembic's record.")
final class BaselineCmd implements Callable<Integer> {
    @ParentCommand RetortCommand root;
    @Option(names = {"-r", "--revision"}, paramLabel = "REV",
            description = "The revision the database is at (default: head; with --from alembic, the version alembic_version holds).") String revision;
    @Option(names = "--from", paramLabel = "TOOL", description = "flyway: copy flyway_schema_history's applied migrations into the history table;"
            + " alembic: take the revision from alembic_version.") String from;
    @Option(names = "--table", paramLabel = "NAME", description = "The other tool's table (default: flyway_schema_history or alembic_version), in the version table's schema.")
    String table;

    @Override
    public Integer call() {
        Baseline.Source source = null;
        if (from != null) {
            try {
                source = Baseline.Source.valueOf(from.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new dev.retort.api.RetortException("--from must be flyway or alembic, not '" + from + "'");
            }
        }
        Baseline.Result r = root.retort().baseline(revision, source, table);
        if (!r.differences().isEmpty()) {
            root.out.println("The database differs from the schema of revision " + Migrator.describe(r.at()) + "; nothing was recorded:");
            r.differences().forEach(o -> root.out.println("  " + Describe.of(o)));
            return 1;
        }
        r.notes().stream().filter(n -> n.startsWith("Imported ")).forEach(root.out::println);
        root.out.println("Recorded the database at " + Migrator.describe(r.at()) + " (baseline)");
        r.notes().stream().filter(n -> !n.startsWith("Imported ")).forEach(root.out::println);
        return 0;
    }
}
