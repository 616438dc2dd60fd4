package dev.retort.command;

import dev.retort.api.Callback;
import dev.retort.api.RetortException;
import dev.retort.runtime.Connections;
import dev.retort.runtime.LintGate;
import dev.retort.runtime.Migrator;
import dev.retort.dialect.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import dev.retort.runtime.Migrator.Step;
import dev.retort.runtime.Sink;
import dev.retort.dialect.VersionTable;
import dev.retort.script.RevisionGraph;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code upgrade} and {@code downgrade} on a live database: one path, two directions. */
public final class Migrate {
    private final Project project;

    public Migrate(Project project) { this.project = project; }

    /** Upgrades or downgrades; unless {@code ignoreChecksums}, stops when an applied revision's source changed. */
    public List<Step> run(String target, boolean up, boolean ignoreChecksums) {
        // the connection opens while the revisions are read; the unlocked look and the locked run share it
        try (Connections.Pending early = project.connectEarly()) {
            return run(early, target, up, ignoreChecksums);
        }
    }

    private List<Step> run(Connections.Pending early, String target, boolean up, boolean ignoreChecksums) {
        RevisionGraph graph = project.graph();
        // beforeMigrate and afterMigrate callbacks run on every run, as Flyway's do, so such a run always takes the lock
        boolean everyRun = project.callbacks().has(Callback.Event.BEFORE_MIGRATE) || project.callbacks().has(Callback.Event.AFTER_MIGRATE);
        if (up && !everyRun && alreadyThere(early, graph, target, ignoreChecksums)) return List.of();
        return project.withLock(early, (c, d) -> {
            VersionTable vt = project.versionTable(d);
            Set<String> current = vt.heads(c);
            project.checkKnown(graph, current);
            if (!ignoreChecksums) {
                List<String> changed = Validate.changedRevisions(graph, current, vt.recordedChecksums(c));
                if (!changed.isEmpty()) {
                    changed.forEach(Project.log::error);
                    throw new RetortException(changed.size() + " applied revision(s) changed since they were applied (listed above);"
                            + " restore them, accept the change with 'retort repair', or pass --ignore-checksums");
                }
            }
            Set<String> want = graph.resolveTarget(target, current);
            VersionTable.Partial partial = vt.partial(c).orElse(null);
            Migrator m = project.migrator(d).withHeadsReader(() -> vt.heads(c))
                    .withGate(new LintGate(LintGate.Level.of(project.config().lintGate()), (schema, table, column) -> holdsRows(c, d, schema, table, column)))
                    .withSchemaReader(schema -> d.inspect(c, project.filter(d).withSchemas(List.of(schema))))
                    .settling(partial != null && partial.state().equals("running") ? partial.revision() : null);
            List<Step> steps = m.plan(graph, current, want, up);
            for (Step s : steps) {
                for (String sql : s.statements()) {
                    Optional<String> refused = d.refusal(c, sql);
                    if (refused.isPresent()) throw new RetortException(s.revision().where() + ": " + refused.get() + "; nothing was run");
                }
            }
            m.run(steps, new Sink.Online(c, d), !vt.complete(c), partial);
            return steps;
        });
    }

    /** Whether the table (the column, when named) holds a row (a non-null value): what lint_gate asks before a destructive change. */
    private static boolean holdsRows(Connection c, Dialect d, String schema, String table, String column) throws SQLException {
        if (!d.tableExists(c, schema, table)) return false;
        String sql = "SELECT 1 FROM " + d.qualify(schema, table) + (column == null ? "" : " WHERE " + d.quote(column) + " IS NOT NULL") + " LIMIT 1";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next();
        }
    }

    /**
     * Whether an upgrade has nothing to do, read without the lock: replicas that start at head each read the version
     * table once and exit. Anything else (a run to make, a failed revision, a changed checksum, a target that does not
     * resolve) goes the locked way, which acts on it or reports it.
     */
    private boolean alreadyThere(Connections.Pending early, RevisionGraph graph, String target, boolean ignoreChecksums) {
        return project.withConnection(early, (c, d) -> {
            VersionTable vt = project.versionTable(d);
            Set<String> current = vt.heads(c);
            if (current.isEmpty() || !current.stream().allMatch(graph::contains) || vt.partial(c).isPresent()) return false;
            Set<String> want;
            try {
                if (current.size() > 1) project.checkKnown(graph, current); // a head beside its own ancestor is reported the locked way
                want = graph.resolveTarget(target, current);
            } catch (RetortException e) {
                return false;
            }
            if (!graph.upgradePath(current, want).isEmpty()) return false;
            return ignoreChecksums || Validate.changedRevisions(graph, current, vt.recordedChecksums(c)).isEmpty();
        });
    }
}
