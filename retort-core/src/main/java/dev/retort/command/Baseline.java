package dev.retort.command;

import dev.retort.api.RetortException;
import dev.retort.compare.Compare;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.VersionTable;
import dev.retort.ops.Operation;
import dev.retort.ops.SchemaState;
import dev.retort.runtime.Migrator;
import dev.retort.runtime.Sink;
import dev.retort.schema.Catalog;
import dev.retort.schema.Schema;
import dev.retort.script.RevisionGraph;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code baseline}: adopts a database that already holds the schema (made by hand, by Flyway or by Alembic) by
 * recording a revision as applied, after checking that the database holds what the revisions up to it make. With
 * {@code importFrom}, the other tool's record comes along: Flyway's applied migrations as history rows, Alembic's
 * version as the revision to record.
 */
public final class Baseline {
    /** Where the database was recorded at, the differences that stopped it (then nothing was recorded), what was imported and what to do next. */
    public record Result(Set<String> at, List<Operation> differences, List<String> notes) {}

    public enum Source { FLYWAY, ALEMBIC }

    /** One row of the other tool's record, for the history table: "revision" (flyway:V), direction, message; and Flyway's script name. */
    private record Imported(String revision, String direction, String message, String script) {
        String[] row() { return new String[] {revision, direction, message, null}; }
    }

    private final Project project;

    public Baseline(Project project) { this.project = project; }

    /** {@code target}: the revision to record (null: Alembic's version when importing from Alembic, else head). */
    public Result run(String target, Source importFrom, String table) {
        RevisionGraph graph = project.graph();
        return project.withLock((c, d) -> {
            VersionTable vt = project.versionTable(d);
            Set<String> recorded = vt.heads(c);
            if (!recorded.isEmpty()) {
                throw new RetortException("the database already records revision(s) " + Migrator.describe(recorded) + " in " + vt.schema() + "."
                        + vt.table() + ": baseline adopts a database with no revision recorded; move the record with 'retort stamp'");
            }
            List<Imported> imported = new ArrayList<>();
            String tableName = table;
            Set<String> want;
            if (importFrom == Source.ALEMBIC) {
                tableName = table == null ? "alembic_version" : table;
                Set<String> alembic = alembicVersions(c, d, vt.schema(), tableName);
                imported.add(new Imported(Migrator.describe(alembic), "alembic", "the version " + vt.schema() + "." + tableName + " recorded", null));
                want = target != null ? graph.resolveTarget(target, Set.of()) : known(graph, alembic, vt.schema() + "." + tableName);
            } else {
                String at = target == null ? "head" : target;
                if (importFrom == Source.FLYWAY) {
                    tableName = table == null ? "flyway_schema_history" : table;
                    imported.addAll(flywayRows(c, d, vt.schema(), tableName));
                    // revisions converted from Flyway's files keep their names (V3__add_x.sql): the last one Flyway applied is where the database is
                    if (target == null && !imported.isEmpty()) at = converted(graph, imported.get(imported.size() - 1).script()).orElse(at);
                }
                want = graph.resolveTarget(at, Set.of());
            }
            List<Operation> differences = differences(c, d, graph, want, tableName == null ? null : vt.schema() + "." + tableName);
            if (!differences.isEmpty()) return new Result(want, differences, List.of());
            Sink sink = new Sink.Online(c, d);
            sink.begin();
            for (String s : vt.create()) sink.execute(s);
            if (!imported.isEmpty()) sink.execute(vt.records(imported.stream().map(Imported::row).toList()));
            for (String s : vt.move(Set.of(), want)) sink.execute(s);
            sink.execute(vt.record(Migrator.describe(want), "baseline", "baseline at " + Migrator.describe(want)
                    + (importFrom == null ? "" : ", from " + vt.schema() + "." + tableName), null));
            sink.commit();
            List<String> notes = new ArrayList<>(imported.stream().map(r -> "Imported " + r.revision() + ": " + r.message()).toList());
            if (tableName != null && !(vt.table().equals(tableName))) {
                notes.add(vt.schema() + "." + tableName + " stays: drop it when its record is no longer needed (until then check and autogenerate"
                        + " see a table the models lack; or list it under exclude_tables)");
            }
            return new Result(want, List.of(), notes);
        });
    }

    /**
     * What the database lacks or holds beyond the schema the revisions up to {@code want} make (their tables and enum
     * types, as the revision history knows them: objects made by raw SQL are not checked).
     */
    private List<Operation> differences(Connection c, Dialect d, RevisionGraph graph, Set<String> want, String otherTool) throws SQLException {
        SchemaState state = project.migrator(d).replay(graph, want);
        Catalog expected = d.normalize(state.catalog());
        Set<String> schemas = new TreeSet<>(expected.schemas().keySet());
        schemas.addAll(project.config().schemas());
        if (schemas.isEmpty()) return List.of();
        // the other tool's table is its record, not the application's schema
        Catalog db = d.inspect(c, project.filter(d).withSchemas(List.copyOf(schemas)).ignoring(otherTool == null ? List.of() : List.of(otherTool)));
        Map<String, Schema> tablesAndEnums = new TreeMap<>();
        for (Schema s : db.schemas().values()) {
            Map<String, dev.retort.schema.Table> tables = new TreeMap<>(s.tables());
            // raw SQL makes what the history cannot see: only the tables it knows are compared then
            if (state.opaque()) tables.keySet().removeIf(t -> expected.table(s.name(), t).isEmpty());
            Map<String, dev.retort.schema.SchemaObject> objects = new TreeMap<>(s.objects());
            Schema known = expected.schemas().get(s.name());
            if (state.opaque()) objects.keySet().removeIf(k -> known == null || !known.objects().containsKey(k));
            tablesAndEnums.put(s.name(), new Schema(s.name(), tables, Map.of(), state.opaque() ? Map.of() : s.enums(), Map.of(), objects));
        }
        if (state.opaque()) Project.log.warn("Revisions up to {} run raw SQL: what it makes is not checked", Migrator.describe(want));
        Catalog target = Check.restrict(expected, project.filter(d).withSchemas(List.copyOf(schemas)));
        // views, functions, ... of kinds the revisions never make are not theirs to check
        List<dev.retort.schema.Unrepresented> undeclared = new java.util.ArrayList<>();
        Catalog dbKinds = Check.declaredKindsOnly(new Catalog(tablesAndEnums, true), target, undeclared);
        // a table beside them that no revision made is someone else's: named, never a reason to refuse
        List<dev.retort.schema.Unrepresented> unmanaged = new java.util.ArrayList<>();
        dbKinds = Check.madeByHistoryOnly(dbKinds, target, () -> state, unmanaged);
        Project.reportUnmodelled(unmanaged, "baseline leaves it alone", false);
        tablesAndEnums.clear();
        tablesAndEnums.putAll(dbKinds.schemas());
        // views, functions, ... as the revisions write them, against the server's own spelling of them
        if (ScratchDeparse.needed(d, target)) target = new ScratchDeparse(project, d, project.url()).apply(target, c);
        return new Compare(d, project.options()).compare(new Catalog(tablesAndEnums, true), target);
    }

    /** The revision whose file is named as Flyway's script was ({@code V3__add_x.sql}), if one is. */
    private static java.util.Optional<String> converted(RevisionGraph graph, String script) {
        if (script == null) return java.util.Optional.empty();
        String name = script.substring(script.lastIndexOf('/') + 1);
        return graph.all().stream().filter(r -> r.path() != null && r.path().getFileName().toString().equals(name)).map(r -> r.id()).findFirst();
    }

    private static Set<String> known(RevisionGraph graph, Set<String> alembic, String where) {
        if (alembic.isEmpty()) throw new RetortException(where + " is empty: pass --revision REV to say which revision the database is at");
        for (String id : alembic) {
            if (!graph.contains(id)) {
                throw new RetortException(where + " records " + id + ", which no revision here has (ported revisions keep Alembic's ids):"
                        + " pass --revision REV to say which revision the database is at");
            }
        }
        return new LinkedHashSet<>(alembic);
    }

    /** What Alembic's version table holds: the same shape as Retort's (one version_num per head). */
    private static Set<String> alembicVersions(Connection c, Dialect d, String schema, String table) throws SQLException {
        VersionTable alembic = new VersionTable(d, schema, table, table + "_history");
        if (!alembic.exists(c)) throw new RetortException("no table " + schema + "." + table + " to import Alembic's version from");
        return alembic.heads(c);
    }

    /**
     * Flyway's applied migrations (its documented table layout), oldest first, each as a history row; refuses when
     * Flyway recorded a failed one, which Flyway's own repair must settle first.
     */
    private static List<Imported> flywayRows(Connection c, Dialect d, String schema, String table) throws SQLException {
        if (!d.tableExists(c, schema, table)) throw new RetortException("no table " + schema + "." + table + " to import Flyway's history from");
        List<Imported> rows = new ArrayList<>();
        String cols = String.join(", ", d.quote("installed_rank"), d.quote("version"), d.quote("description"), d.quote("script"),
                d.quote("checksum"), d.quote("installed_by"), d.quote("installed_on"), d.quote("success"));
        try (PreparedStatement ps = c.prepareStatement("SELECT " + cols + " FROM " + d.qualify(schema, table) + " ORDER BY " + d.quote("installed_rank"));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String version = rs.getString(2), script = rs.getString(4);
                if (!rs.getBoolean(8)) {
                    throw new RetortException(schema + "." + table + " records a failed migration (" + (version == null ? "" : "version " + version + ", ")
                            + script + "): settle it with Flyway's repair first; nothing was recorded");
                }
                String id = "flyway:" + (version == null ? "R" + rs.getInt(1) : version);
                rows.add(new Imported(id.length() > 64 ? id.substring(0, 64) : id, "flyway",
                        rs.getString(3) + " (" + script + ", installed " + rs.getString(7) + " by " + rs.getString(6) + ", checksum " + rs.getString(5) + ")", script));
            }
        }
        return rows;
    }
}
