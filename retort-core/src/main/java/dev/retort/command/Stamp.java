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

    public Set<String> run(String target) { return run(target, false); }

    /** {@code purge}: empty the version table first, whatever it holds (revisions no file has any more included). */
    public Set<String> run(String target, boolean purge) {
        RevisionGraph graph = project.graph();
        return project.withLock((c, d) -> {
            VersionTable vt = project.versionTable(d);
            Set<String> current = vt.heads(c);
            if (purge && !current.isEmpty()) {
                try (java.sql.Statement s = c.createStatement()) {
                    s.execute(vt.purge());
                }
                Project.log.info("Purged the version table {}.{} (it held {})", vt.schema(), vt.table(), Migrator.describe(current));
                current = Set.of();
            }
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

    /** Makes the version and history tables if they are not there, and nothing else (Alembic's ensure_version). */
    public boolean ensureVersionTables() {
        return project.withLock((c, d) -> {
            VersionTable vt = project.versionTable(d);
            if (vt.complete(c)) return false;
            Sink sink = new Sink.Online(c, d);
            sink.begin();
            for (String s : vt.create()) sink.execute(s);
            sink.commit();
            return true;
        });
    }
}
