package dev.retort.cli;

import dev.retort.api.RetortException;
import dev.retort.lint.Finding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code retort lint}: what a careful reviewer would stop at in the revisions, without a database. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = "List what loses data, fails on tables with rows, or blocks writes (PostgreSQL) in the revisions' upgrades; exit 1 at --fail-on.")
final class LintCmd implements Callable<Integer> {
    @ParentCommand RetortCommand root;
    @Parameters(index = "0", arity = "0..1", paramLabel = "REV|RANGE", description = "One revision, or START:END (default: every revision).") String range;
    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "error",
            description = "Exit 1 when a finding is this serious or more: error (default), warning, info, or never.") String failOn;

    @Override
    public Integer call() {
        Finding.Severity threshold = threshold(failOn);
        List<Finding> findings = root.retort().lint(range);
        boolean fails = threshold != null && findings.stream().anyMatch(f -> f.severity().compareTo(threshold) >= 0);
        if (root.json()) {
            Json.print(root.out, j -> {
                j.writeArrayFieldStart("findings");
                for (Finding f : findings) {
                    j.writeStartObject();
                    j.writeStringField("rule", f.rule());
                    j.writeStringField("severity", f.severity().word());
                    j.writeStringField("revision", f.revision());
                    j.writeStringField("file", f.file() == null ? null : root.cwd.relativize(java.nio.file.Path.of(f.file()).toAbsolutePath()).toString());
                    j.writeNumberField("operation", f.operation());
                    j.writeStringField("what", f.what());
                    j.writeStringField("why", f.why());
                    j.writeEndObject();
                }
                j.writeEndArray();
            });
            return fails ? 1 : 0;
        }
        print(root, findings);
        root.out.println(findings.isEmpty() ? "No findings." : count(findings, Finding.Severity.ERROR) + " error(s), " + count(findings, Finding.Severity.WARNING)
                + " warning(s), " + count(findings, Finding.Severity.INFO) + " note(s)" + (fails ? "; failing at " + failOn : ""));
        return fails ? 1 : 0;
    }

    /** One line per finding, with the file relative to the working folder. */
    static void print(RetortCommand root, List<Finding> findings) {
        for (Finding f : findings) {
            String file = f.file() == null ? null : root.cwd.relativize(java.nio.file.Path.of(f.file()).toAbsolutePath()).toString();
            String line = new Finding(f.rule(), f.severity(), f.revision(), file, f.operation(), f.what(), f.why()).toString();
            String word = f.severity().word();
            String painted = f.severity() == Finding.Severity.ERROR ? root.colour.red(word) : f.severity() == Finding.Severity.WARNING ? root.colour.yellow(word) : word;
            root.out.println(painted + line.substring(word.length()));
        }
    }

    private static long count(List<Finding> fs, Finding.Severity s) { return fs.stream().filter(f -> f.severity() == s).count(); }

    private static Finding.Severity threshold(String s) {
        if (s.equals("never")) return null;
        try {
            return Finding.Severity.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RetortException("--fail-on must be error, warning, info or never, not '" + s + "'");
        }
    }
}
