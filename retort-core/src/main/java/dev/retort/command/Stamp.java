package dev.retort.command;

import dev.retort.runtime.Migrator;
import dev.retort.runtime.Sink;
import dev.retort.dialect.VersionTable;
import dev.retort.script.RevisionGraph;

import java.util.LinkedHashSet;
import java.util.Set;

/** {@code stamp}: records a revision as current without running anything. */
public final class Stamp {
    private final Project project;

    public Stamp(Project project) { this.project = project; }

    public Set<String> run(String target) {
        RevisionGraph graph = project.graph();
        return project.withLock((c, d) -> {
            VersionTable vt = project.versionTable(d);
            Set<String> current = vt.heads(c);
            Set<String> want = new LinkedHashSet<>(graph.resolveTarget(target, current));
            Sink sink = new Sink.Online(c, d);
            sink.begin();
            if (!vt.complete(c)) for (String s : vt.create()) sink.execute(s);
            for (String s : vt.move(current, want)) sink.execute(s);
            sink.execute(vt.record(Migrator.describe(want), "stamp", "stamped from " + Migrator.describe(current), null));
            sink.commit();
            return want;
        });
    }
}
