package dev.retort.command;

import dev.retort.api.RetortException;
import dev.retort.lint.Finding;
import dev.retort.script.RevisionGraph;
import dev.retort.script.RevisionInfo;

import java.util.List;
import java.util.Set;

/** {@code lint}: what a careful reviewer would stop at in the revisions' upgrades, without a database. */
public final class Lint {
    private final Project project;

    public Lint(Project project) { this.project = project; }

    /** {@code range}: null or empty for every revision, "REV" for one, "START:END" for those after START up to END. */
    public List<Finding> run(String range) {
        RevisionGraph graph = project.graph();
        List<RevisionInfo> revisions;
        if (range == null || range.isEmpty()) {
            revisions = graph.upgradePath(Set.of(), Set.copyOf(graph.heads()));
        } else if (range.contains(":")) {
            int colon = range.indexOf(':');
            String start = range.substring(0, colon), end = range.substring(colon + 1);
            Set<String> from = start.isEmpty() || start.equals("base") ? Set.of() : graph.resolveTarget(start, Set.of());
            Set<String> to = end.isEmpty() ? Set.copyOf(graph.heads()) : graph.resolveTarget(end, Set.of());
            revisions = graph.upgradePath(from, to);
        } else {
            Set<String> ids = graph.resolveTarget(range, Set.of());
            if (ids.isEmpty()) throw new RetortException("'" + range + "' names no revision to lint");
            revisions = ids.stream().map(graph::get).toList();
        }
        return project.migrator(project.dialect()).lint(graph, revisions);
    }
}
