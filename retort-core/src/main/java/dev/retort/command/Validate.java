package dev.retort.command;

import dev.retort.dialect.VersionTable;
import dev.retort.script.RevisionGraph;
import dev.retort.script.RevisionInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code validate}: the applied revisions whose source changed since they were applied. */
public final class Validate {
    private final Project project;

    public Validate(Project project) { this.project = project; }

    /** One line per applied revision whose source changed since it was applied; empty when all match. */
    public List<String> run() {
        RevisionGraph graph = project.graph();
        return project.withConnection((c, d) -> {
            VersionTable vt = project.versionTable(d);
            Set<String> current = vt.heads(c);
            project.checkKnown(graph, current);
            return changedRevisions(graph, current, vt.recordedChecksums(c));
        });
    }

    static List<String> changedRevisions(RevisionGraph graph, Set<String> current, Map<String, String> recorded) {
        List<String> out = new ArrayList<>();
        Set<String> applied = graph.ancestorsOrSelf(current);
        for (RevisionInfo r : graph.all()) {
            if (!applied.contains(r.id())) continue;
            String was = recorded.get(r.id());
            if (was != null && !was.equals(r.checksum())) {
                out.add("revision " + r.id() + " (" + r.where() + ") changed since it was applied: checksum " + was.substring(0, 12)
                        + "… recorded, " + r.checksum().substring(0, 12) + "… now");
            }
        }
        return out;
    }
}
