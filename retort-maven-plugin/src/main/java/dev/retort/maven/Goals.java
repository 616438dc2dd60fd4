package dev.retort.maven;

import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.util.ArrayList;
import java.util.List;

/** The goals: one per Retort command. Those that read models compile the project first. */
public final class Goals {
    private Goals() {}

    /** Upgrades the database to a target (default head); with -Dretort.sql prints the script instead. */
    @Mojo(name = "upgrade", requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
    @Execute(phase = LifecyclePhase.COMPILE)
    public static final class Upgrade extends RetortMojo {
        @Parameter(property = "retort.target", defaultValue = "head") String target;
        @Parameter(property = "retort.sql", defaultValue = "false") boolean sql;

        @Override List<String> command() { return sql ? List.of("upgrade", target, "--sql") : List.of("upgrade", target); }
    }

    /** Downgrades the database to -Dretort.target (required); with -Dretort.sql prints the script for FROM:TO. */
    @Mojo(name = "downgrade", requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
    @Execute(phase = LifecyclePhase.COMPILE)
    public static final class Downgrade extends RetortMojo {
        @Parameter(property = "retort.target", required = true) String target;
        @Parameter(property = "retort.sql", defaultValue = "false") boolean sql;

        @Override List<String> command() { return sql ? List.of("downgrade", target, "--sql") : List.of("downgrade", target); }
    }

    /** Writes a revision (-Dretort.message); with -Dretort.autogenerate fills it from the models. */
    @Mojo(name = "revision", requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
    @Execute(phase = LifecyclePhase.COMPILE)
    public static final class Revision extends RetortMojo {
        @Parameter(property = "retort.message", required = true) String message;
        @Parameter(property = "retort.autogenerate", defaultValue = "false") boolean autogenerate;

        @Override List<String> command() {
            List<String> c = new ArrayList<>(List.of("revision", "-m", message));
            if (autogenerate) c.add("--autogenerate");
            return c;
        }
    }

    /** Fails the build when the models and the database differ, listing the differences. */
    @Mojo(name = "check", requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
    @Execute(phase = LifecyclePhase.COMPILE)
    public static final class Check extends RetortMojo {
        @Override List<String> command() { return List.of("check"); }

        @Override String failureMessage(int exit) {
            return exit == 1 ? "the database does not match the models (see the list above); write a revision with retort:revision -Dretort.autogenerate"
                    : super.failureMessage(exit);
        }
    }

    @Mojo(name = "history", requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
    public static final class History extends RetortMojo {
        @Parameter(property = "retort.range") String range;
        @Parameter(property = "retort.verbose", defaultValue = "false") boolean verbose;

        @Override List<String> command() {
            List<String> c = new ArrayList<>(List.of("history"));
            if (range != null) c.addAll(List.of("-r", range));
            if (verbose) c.add("--verbose");
            return c;
        }
    }

    @Mojo(name = "current", requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
    public static final class Current extends RetortMojo {
        @Override List<String> command() { return List.of("current"); }
    }

    @Mojo(name = "heads", requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
    public static final class Heads extends RetortMojo {
        @Override List<String> command() { return List.of("heads"); }
    }

    @Mojo(name = "show", requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
    public static final class Show extends RetortMojo {
        @Parameter(property = "retort.target", defaultValue = "head") String target;

        @Override List<String> command() { return List.of("show", target); }
    }

    @Mojo(name = "stamp", requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
    public static final class Stamp extends RetortMojo {
        @Parameter(property = "retort.target", required = true) String target;

        @Override List<String> command() { return List.of("stamp", target); }
    }

    /** Fails the build when applied revisions changed since they were applied. */
    @Mojo(name = "validate", requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
    public static final class Validate extends RetortMojo {
        @Override List<String> command() { return List.of("validate"); }
    }

    /** Accepts changed applied revisions, recording their checksums with an audit row. */
    @Mojo(name = "repair", requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
    public static final class Repair extends RetortMojo {
        @Override List<String> command() { return List.of("repair"); }
    }

    @Mojo(name = "merge", requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
    public static final class Merge extends RetortMojo {
        @Parameter(property = "retort.message", defaultValue = "merge heads") String message;

        @Override List<String> command() { return List.of("merge", "-m", message); }
    }

    /**
     * Shows what turns one database's schema into another's: -Dretort.from and -Dretort.to (URLs, also as project
     * properties), -Dretort.schema (comma-separated), -Dretort.sql for the statements; fails when they differ.
     */
    @Mojo(name = "diff", threadSafe = true)
    public static final class Diff extends RetortMojo {
        @Parameter(property = "retort.schema") String schema;
        @Parameter(property = "retort.sql", defaultValue = "false") boolean sql;

        @Override List<String> command() {
            String from = secretProperty("retort.from"), to = secretProperty("retort.to");
            if (from == null || to == null) throw new IllegalStateException("retort:diff needs -Dretort.from=URL and -Dretort.to=URL");
            List<String> c = new ArrayList<>(List.of("diff", "--from", from, "--to", to));
            if (schema != null) for (String s : schema.split(",")) if (!s.isBlank()) c.addAll(List.of("--schema", s.strip()));
            if (sql) c.add("--sql");
            return c;
        }

        @Override String failureMessage(int exit) { return exit == 1 ? "the two databases differ (see the list above)" : super.failureMessage(exit); }
    }

    /** Creates the revision folder (-Dretort.dir, default migrations) and a retort.toml if there is none. */
    @Mojo(name = "init", requiresProject = false, threadSafe = true)
    public static final class Init extends RetortMojo {
        @Parameter(property = "retort.dir", defaultValue = "migrations") String dir;

        @Override List<String> command() { return List.of("init", dir); }
    }

    /** Fails the build on lint findings as serious as -Dretort.failOn (default error) in -Dretort.range (default: every revision). */
    @Mojo(name = "lint", requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
    public static final class Lint extends RetortMojo {
        @Parameter(property = "retort.range") String range;
        @Parameter(property = "retort.failOn", defaultValue = "error") String failOn;

        @Override List<String> command() {
            List<String> c = new ArrayList<>(List.of("lint", "--fail-on", failOn));
            if (range != null) c.add(range);
            return c;
        }
    }

    /** Adopts a database that holds the schema: -Dretort.target (default head), -Dretort.from=flyway|alembic. */
    @Mojo(name = "baseline", requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
    public static final class Baseline extends RetortMojo {
        @Parameter(property = "retort.target") String target;
        @Parameter(property = "retort.from") String from;

        @Override List<String> command() {
            List<String> c = new ArrayList<>(List.of("baseline"));
            if (target != null) c.addAll(List.of("-r", target));
            if (from != null) c.addAll(List.of("--from", from));
            return c;
        }
    }
}
