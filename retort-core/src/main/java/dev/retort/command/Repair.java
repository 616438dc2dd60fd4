package dev.retort.command;

import dev.retort.runtime.Sink;
import dev.retort.dialect.VersionTable;
import dev.retort.script.RevisionGraph;
import dev.retort.script.RevisionInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code repair}: accepts changed applied revisions and clears a failed one, each with an audit row. */
public final class Repair {
    private final Project project;

    public Repair(Project project) { this.project = project; }

    /** Records the current checksums of changed applied revisions, each with an audit row in the history table. */
    public List<String> run() {
        RevisionGraph graph = project.graph();
        return project.withLock((c, d) -> {
            VersionTable vt = project.versionTable(d);
            Set<String> current = vt.heads(c);
            project.checkKnown(graph, current);
            Map<String, String> recorded = vt.recordedChecksums(c);
            List<String> repaired = new ArrayList<>();
            Sink sink = new Sink.Online(c, d);
            sink.begin();
            Optional<VersionTable.Partial> partial = vt.partial(c);
            if (partial.isPresent()) {
                VersionTable.Partial p = partial.get();
                sink.execute(vt.cleared(p.id()));
                sink.execute(vt.record(p.revision(), "repair", "cleared the failed " + p.direction() + " (" + p.progress()
                        + " statement(s) had run)", null));
                repaired.add(p.revision() + " (failed " + p.direction() + " cleared)");
            }
            for (String id : graph.ancestorsOrSelf(current)) {
                RevisionInfo r = graph.get(id);
                String was = recorded.get(id);
                if (was != null && !was.equals(r.checksum())) {
                    sink.execute(vt.record(id, "repair", "checksum re-recorded, was " + was, r.checksum()));
                    repaired.add(id);
                }
            }
            sink.commit();
            return repaired;
        });
    }
}
