package dev.retort.cli;

import org.slf4j.bridge.SLF4JBridgeHandler;
import dev.retort.api.RetortException;
import dev.retort.config.Secrets;
import dev.retort.runtime.Connections;
import picocli.CommandLine;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/** The {@code retort} command. Exit codes: 0 done, 1 a difference or a failed statement, 2 a user error. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (System.getProperty("retort.cdsTraining") != null) { // the launcher recording its class-data archive
            configureLogging(new String[] {"-q"});
            CdsTraining.run();
            System.exit(0);
        }
        configureLogging(args);
        System.exit(run(args, System.out, System.err, System.getenv(), Path.of("").toAbsolutePath()));
    }

    /** Runs one command in this process: the entry point for tests and embedding. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, Path cwd) {
        RetortCommand root = new RetortCommand(out, env, cwd);
        CommandLine cli = new CommandLine(root);
        // picocli builds a model of every command it is given, about 0.1 s for all of them: give it only the one named
        String named = null;
        for (String a : args) {
            for (Class<?> c : RetortCommand.SUBCOMMANDS) {
                if (named == null && c.getAnnotation(CommandLine.Command.class).name().equals(a)) named = a;
            }
        }
        for (Class<?> c : RetortCommand.SUBCOMMANDS) {
            if (named == null || c.getAnnotation(CommandLine.Command.class).name().equals(named)) cli.addSubcommand(c);
        }
        Colour errColour = Colour.detect(err, env);
        root.colour = Colour.detect(out, env);
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(root.colour.on() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof RetortException r) {
                err.println(errColour.red("retort: error:") + " " + Secrets.mask(r.getMessage()).replaceAll("[\r\n]+", " "));
                if (root.debug) e.printStackTrace(err);
                return r.exitCode();
            }
            return internalError(e, root.debug, err);
        });
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("retort: " + e.getMessage());
            err.println("Try 'retort " + (e.getCommandLine().getCommandName().equals("retort") ? "" : e.getCommandLine().getCommandName() + " ") + "--help'.");
            return 2;
        });
        try {
            return cli.execute(args);
        } catch (Error e) { // picocli hands only Exceptions to the handler above
            return internalError(e, root.debug, err);
        }
    }

    /** Exit 3: a fault in Retort (or in what it runs) rather than in the input; one line unless --debug. */
    private static int internalError(Throwable e, boolean debug, PrintStream err) {
        err.println("retort: internal error: " + Secrets.mask(Connections.firstLine(String.valueOf(e)))
                + (debug ? "" : " (run with --debug for the stack trace)"));
        if (debug) e.printStackTrace(err);
        return 3;
    }

    /** slf4j-simple reads its settings once, so they are set before the first logger exists. */
    static void configureLogging(String[] args) {
        String level = "info";
        for (String a : args) {
            if (a.equals("-v") || a.equals("--verbose-log") || a.equals("--debug")) level = "debug";
            if (a.equals("-q") || a.equals("--quiet")) level = "warn";
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.showLogName", "false");
        System.setProperty("org.slf4j.simpleLogger.levelInBrackets", "false");
        // the JDBC drivers' own logging (java.util.logging for PostgreSQL's, SLF4J for MariaDB's) shows with -v only
        for (String driver : new String[] {"org.postgresql", "org.mariadb", "org.sqlite", "org.h2"}) {
            System.setProperty("org.slf4j.simpleLogger.log." + driver, level.equals("debug") ? "debug" : "off");
        }
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}
