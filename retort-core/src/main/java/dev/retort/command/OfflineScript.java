package dev.retort.command;

import dev.retort.api.RetortException;
import dev.retort.dialect.Dialect;
import dev.retort.lint.Finding;
import dev.retort.ops.Operation;
import dev.retort.runtime.LintGate;
import dev.retort.runtime.Migrator;
import dev.retort.runtime.Migrator.Step;
import dev.retort.runtime.Sink;
import dev.retort.script.RevisionGraph;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/** {@code upgrade --sql} and {@code downgrade --sql}: the script for a range, written without connecting. */
public final class OfflineScript {
    private final Project project;

    public OfflineScript(Project project) { this.project = project; }

    /** Writes the upgrade script for "END" (from base) or "START:END", or the downgrade script for "FROM:TO". */
    public void write(String range, boolean upgrade, PrintStream out) {
        Dialect d = project.dialect();
        RevisionGraph graph = project.graph();
        int colon = range.indexOf(':');
        if (colon < 0 && !upgrade) throw new RetortException("offline downgrade needs a range FROM:TO, e.g. 'downgrade head:base --sql'");
        String start = colon < 0 ? null : range.substring(0, colon);
        // "current" reads where the database is: the one connection this offline script makes
        Set<String> from = start == null ? Set.of() : start.equals("current") ? new Current(project).heads() : graph.resolveTarget(start, Set.of());
        Set<String> to = graph.resolveTarget(colon < 0 ? range : range.substring(colon + 1), from);
        Migrator m = project.migrator(d).linting().withGate(new LintGate(LintGate.Level.of(project.config().lintGate()), null));
        List<Step> steps = m.plan(graph, from, to, upgrade);
        // the lint pass: what a reviewer of the script would stop at, on stderr (retort lint lists the notes too)
        for (Finding f : m.findings()) if (f.severity() != Finding.Severity.INFO) Project.log.warn("Lint: {}", f);
        if (steps.isEmpty() && !from.equals(to)) {
            String other = upgrade ? "downgrade" : "upgrade";
            throw new RetortException((upgrade ? "upgrade" : "downgrade") + " range " + range + " has nothing to run: "
                    + Migrator.describe(to) + (upgrade ? " does not come after " : " does not come before ") + Migrator.describe(from)
                    + "; for the other direction use 'retort " + other + " " + range + " --sql'");
        }
        for (Step s : steps) {
            for (Operation.RunJava j : s.java().values()) {
                if (j.offlineSql() == null) {
                    throw new RetortException(s.revision().where() + ": " + j.target() + " runs Java, which an offline script cannot hold; give the SQL"
                            + " to write in its place with op.jdbc(...).offline(\"...\"), or run '" + (upgrade ? "upgrade" : "downgrade") + "' online");
                }
            }
        }
        if (project.config().embedded()) {
            Project.log.warn("No database URL configured: writing the script for H2, the embedded default; pass --url postgresql:// (or mysql://, sqlite://) for another database");
        }
        Sink.Offline sink = new Sink.Offline(out, d);
        sink.comment("Retort " + (upgrade ? "upgrade" : "downgrade") + " " + Migrator.describe(from) + " -> " + Migrator.describe(to)
                + " for " + d.name());
        for (String setting : d.sessionSettings()) sink.execute(setting);
        // a guard in the middle of a script would stop it only after what came before had run (and on MySQL and H2, stayed)
        List<String> guards = steps.stream().flatMap(s -> s.statements().stream()).filter(d::isGuard).toList();
        if (!guards.isEmpty()) {
            sink.comment("What the DROP SCHEMA statements below need, checked before anything else runs");
            guards.forEach(sink::execute);
        }
        m.run(steps, sink, true);
    }
}
