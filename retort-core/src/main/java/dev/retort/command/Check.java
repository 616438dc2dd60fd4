package dev.retort.command;

import dev.retort.api.RetortException;
import dev.retort.compare.Compare;
import dev.retort.config.DatabaseUrl;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.Filter;
import dev.retort.ops.Operation;
import dev.retort.runtime.Connections;
import dev.retort.schema.Catalog;
import dev.retort.schema.ForeignKey;
import dev.retort.ops.SchemaState;
import dev.retort.schema.Schema;
import dev.retort.schema.SchemaObject;
import dev.retort.schema.Unrepresented;
import dev.retort.schema.Table;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/** {@code check}: the operations that bring the database to the models; also what autogenerate starts from. */
public final class Check {
    private final Project project;

    private boolean strict;
    private boolean dropUnmanaged;

    public Check(Project project) { this.project = project; }

    /** {@code --strict}: fail when the database holds something Retort does not model, rather than warn. */
    public Check strict(boolean s) {
        strict = s;
        return this;
    }

    /**
     * {@code --drop-unmanaged}: a table, view or function in a managed schema that the models do not declare is dropped
     * even when no revision made it (someone else's); without it such an object is named in a warning and left alone.
     */
    public Check dropUnmanaged(boolean d) {
        dropUnmanaged = d;
        return this;
    }

    /** The operations that bring the database to the models; empty when they agree. */
    public List<Operation> run() {
        return project.withConnection((c, d) -> {
            Set<String> heads = project.versionTable(d).heads(c);
            project.checkKnown(project.graph(), heads);
            return compareWithModels(c, d, heads, () -> project.models().load(d.name()));
        });
    }

    /**
     * Compares the database with the models. When the managed schemas are configured, the database is read on another
     * thread while this one loads the models (2,000 model tables take about 0.25 s to build, the catalog read about
     * 0.4 s, and neither needs the other); otherwise the models' schemas decide what is read, so the read comes after.
     */
    List<Operation> compareWithModels(Connection c, Dialect d, Set<String> heads, Supplier<Catalog> models) throws SQLException {
        DatabaseUrl url = project.url();
        List<String> configuredSchemas = project.config().schemas();
        CompletableFuture<Catalog> early = null;
        if (!configuredSchemas.isEmpty()) {
            Filter configured = project.filter(d).withSchemas(configuredSchemas);
            early = CompletableFuture.supplyAsync(() -> {
                try {
                    return d.inspect(c, configured, () -> Connections.open(url, d));
                } catch (SQLException e) {
                    throw new CompletionException(e);
                }
            }, Project.WORKERS);
        }
        Catalog declared;
        try {
            declared = models.get();
        } catch (RuntimeException e) {
            if (early != null) early.handle((x, y) -> null).join(); // the connection is not closed under it
            throw e;
        }
        checkNames(d, declared);
        Catalog target = d.normalize(declared);
        List<String> managed = new ArrayList<>(configuredSchemas);
        if (managed.isEmpty()) managed.addAll(target.schemas().keySet());
        Filter f = project.filter(d).withSchemas(managed);
        Catalog db = early == null ? d.inspect(c, f, () -> Connections.open(url, d)) : join(early);
        List<dev.retort.schema.Unrepresented> unmodelled = new ArrayList<>(d.unrepresented(c, f));
        db = declaredKindsOnly(db, target, unmodelled);
        if (!dropUnmanaged) db = madeByHistoryOnly(db, target, () -> project.migrator(d).replay(project.graph(), heads), unmodelled);
        Project.reportUnmodelled(unmodelled, "check does not compare it", strict);
        checkReferences(target, db, f);
        List<String> outside = target.tables().stream().filter(t -> !f.includesSchema(t.schema())).map(t -> t.qualifiedName().toString()).sorted().toList();
        if (!outside.isEmpty()) {
            if (strict) throw new RetortException("model table(s) " + String.join(", ", outside) + " in a schema retort.toml does not manage (schemas, exclude_schemas)", null, 1);
            Project.log.warn("model table(s) {} in a schema retort.toml does not manage (schemas, exclude_schemas): not compared", String.join(", ", outside));
        }
        target = restrict(target, f);
        if (ScratchDeparse.needed(d, target)) target = new ScratchDeparse(project, d, url).apply(target, c);
        return new Compare(d, project.options()).compare(db, target);
    }

    private static Catalog join(CompletableFuture<Catalog> read) throws SQLException {
        try {
            return read.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SQLException s) throw s;
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    /** Every name the models declare is one the database keeps as written (not longer than it allows). */
    private static void checkNames(Dialect d, Catalog declared) {
        for (Schema s : declared.schemas().values()) {
            d.quote(s.name());
            for (Table t : s.tables().values()) {
                List<String> names = new ArrayList<>(List.of(t.name()));
                t.columns().forEach(c -> names.add(c.name()));
                t.constraints().forEach(c -> { if (c.name() != null) names.add(c.name()); });
                t.indexes().forEach(i -> names.add(i.name()));
                for (String n : names) {
                    try {
                        d.quote(n);
                    } catch (RetortException e) {
                        throw new RetortException("model table " + t.qualifiedName() + ": " + e.getMessage());
                    }
                }
            }
            for (String n : s.enums().keySet()) d.quote(n);
            for (String n : s.sequences().keySet()) d.quote(n);
            for (String n : s.domains().keySet()) d.quote(n);
        }
    }

    /** A foreign key in the models must reference a table (and columns) the models declare, or one outside the managed schemas. */
    private static void checkReferences(Catalog target, Catalog db, Filter managed) {
        for (Table t : target.tables()) {
            for (ForeignKey fk : t.foreignKeys()) {
                String ref = fk.refSchema() + "." + fk.refTable();
                Optional<Table> declared = target.table(fk.refSchema(), fk.refTable());
                if (declared.isEmpty()) {
                    if (managed.includesSchema(fk.refSchema()) || db.table(fk.refSchema(), fk.refTable()).isEmpty() && db.schemas().containsKey(fk.refSchema())) {
                        throw new RetortException("model table " + t.qualifiedName() + ": foreign key " + fk.name() + " references " + ref
                                + ", which no model declares");
                    }
                    continue;
                }
                for (String col : fk.refColumns()) {
                    if (declared.get().column(col).isEmpty()) {
                        throw new RetortException("model table " + t.qualifiedName() + ": foreign key " + fk.name() + " references column " + col
                                + " of " + ref + ", which has no such column");
                    }
                }
            }
        }
    }

    /**
     * The database's views, functions, triggers, ... of the kinds the models declare at least one of; the others are
     * listed in {@code undeclared}, to be named rather than dropped: a project that keeps its views in raw SQL
     * revisions, and declares none, does not see autogenerate drop them.
     */
    static Catalog declaredKindsOnly(Catalog db, Catalog declared, List<dev.retort.schema.Unrepresented> undeclared) {
        java.util.Set<dev.retort.schema.SchemaObject.Kind> kinds = java.util.EnumSet.noneOf(dev.retort.schema.SchemaObject.Kind.class);
        declared.schemas().values().forEach(s -> s.objects().values().forEach(o -> kinds.add(o.kind())));
        // policies come with row security, and the other way round
        if (kinds.contains(dev.retort.schema.SchemaObject.Kind.POLICY)) kinds.add(dev.retort.schema.SchemaObject.Kind.ROW_SECURITY);
        if (kinds.contains(dev.retort.schema.SchemaObject.Kind.ROW_SECURITY)) kinds.add(dev.retort.schema.SchemaObject.Kind.POLICY);
        // a partitioned table's partitions are its own
        if (declared.tables().stream().anyMatch(t -> t.partitionBy() != null)) kinds.add(dev.retort.schema.SchemaObject.Kind.PARTITION);
        Map<String, Schema> out = new HashMap<>();
        for (Schema s : db.schemas().values()) {
            Map<String, dev.retort.schema.SchemaObject> kept = new HashMap<>();
            s.objects().forEach((k, o) -> {
                if (kinds.contains(o.kind())) kept.put(k, o);
                else undeclared.add(new dev.retort.schema.Unrepresented(o.schema(), o.name(), o.kind().label(),
                        o.kind() == dev.retort.schema.SchemaObject.Kind.ROW_SECURITY ? null : o.table(), "the models declare no " + o.kind().label() + "s"));
            });
            out.put(s.name(), s.withObjects(kept));
        }
        return new Catalog(out, db.fromDatabase());
    }

    /** The kinds of object that stand alone in a schema, as tables do, and that someone else may have made there. */
    private static final Set<SchemaObject.Kind> STANDALONE = java.util.EnumSet.of(SchemaObject.Kind.VIEW, SchemaObject.Kind.MATERIALIZED_VIEW,
            SchemaObject.Kind.FUNCTION, SchemaObject.Kind.PROCEDURE);

    /**
     * The database without the tables, views and functions that the models do not declare and that no revision made
     * (someone else's, in a schema Retort manages): each is listed in {@code unmanaged}, to be named rather than
     * dropped with its rows. The history is replayed only when the database holds such a candidate.
     */
    static Catalog madeByHistoryOnly(Catalog db, Catalog declared, Supplier<SchemaState> history, List<Unrepresented> unmanaged) {
        SchemaState made = null;
        Map<String, Schema> out = new HashMap<>();
        for (Schema s : db.schemas().values()) {
            Schema mine = declared.schemas().get(s.name());
            Map<String, Table> tables = new HashMap<>(s.tables());
            Map<String, SchemaObject> objects = new HashMap<>(s.objects());
            for (Table t : s.tables().values()) {
                if (mine != null && mine.tables().containsKey(t.name())) continue;
                if (made == null) made = history.get();
                if (made.knownTables(s.name()).contains(t.name())) continue;
                tables.remove(t.name());
                objects.values().removeIf(o -> t.name().equals(o.table())); // its triggers, policies, ... go with it
                unmanaged.add(new Unrepresented(s.name(), t.name(), "table", null, UNMANAGED));
            }
            for (SchemaObject o : s.objects().values()) {
                if (!STANDALONE.contains(o.kind()) || mine != null && mine.objects().containsKey(o.key())) continue;
                if (made == null) made = history.get();
                if (made.madeObject(o) || o.kind().name().endsWith("VIEW") && made.knownTables(s.name()).contains(o.name())) continue;
                objects.remove(o.key());
                objects.values().removeIf(x -> o.name().equals(x.table()));
                unmanaged.add(new Unrepresented(s.name(), o.name(), o.kind().label(), null, UNMANAGED));
            }
            out.put(s.name(), s.withTables(tables).withObjects(objects));
        }
        return made == null ? db : new Catalog(out, db.fromDatabase());
    }

    private static final String UNMANAGED = "the models do not declare it and no revision made it: never dropped unless"
            + " revision --autogenerate --drop-unmanaged is asked";

    /** The part of a declared catalog the filter admits (grants only with manage_grants, else named in a warning). */
    static Catalog restrict(Catalog c, Filter f) {
        Map<String, Schema> out = new HashMap<>();
        List<String> ungranted = new ArrayList<>();
        for (Schema s : c.schemas().values()) {
            if (!f.includesSchema(s.name())) continue;
            Map<String, Table> tables = new HashMap<>();
            s.tables().forEach((k, t) -> { if (f.includesTable(s.name(), k)) tables.put(k, t); });
            Map<String, dev.retort.schema.SchemaObject> objects = new HashMap<>();
            s.objects().forEach((k, o) -> {
                String relation = o.table() != null ? o.table() : o.kind().name().endsWith("VIEW") ? o.name() : null;
                if (o.kind() == dev.retort.schema.SchemaObject.Kind.GRANT && !f.grants()) ungranted.add(o.describe());
                else if (relation == null || f.includesTable(s.name(), relation)) objects.put(k, o);
            });
            out.put(s.name(), s.withTables(tables).withObjects(objects));
        }
        if (!ungranted.isEmpty()) {
            Project.log.warn("manage_grants is off in retort.toml: {} not compared", String.join(", ", ungranted));
        }
        return new Catalog(out, c.fromDatabase());
    }
}
