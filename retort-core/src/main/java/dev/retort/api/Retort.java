package dev.retort.api;

import dev.retort.compare.Compare;
import dev.retort.compare.CompareOptions;
import dev.retort.config.DatabaseUrl;
import dev.retort.config.RetortConfig;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.Dialects;
import dev.retort.dialect.Filter;
import dev.retort.ops.Operation;
import dev.retort.runtime.Connections;
import dev.retort.runtime.MigrationLock;
import dev.retort.runtime.Migrator;
import dev.retort.runtime.Migrator.Step;
import dev.retort.runtime.ModelLoader;
import dev.retort.runtime.Sink;
import dev.retort.runtime.VersionTable;
import dev.retort.schema.Catalog;
import dev.retort.schema.Schema;
import dev.retort.schema.Table;
import dev.retort.script.RevisionCompiler;
import dev.retort.script.RevisionGraph;
import dev.retort.script.RevisionInfo;
import dev.retort.script.RevisionSource;
import dev.retort.script.ScriptDirectory;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Retort's Java API: every command as a blocking method, and the ones that talk to the database also as
 * {@code ...Async} variants that run on Retort's own worker threads and never block the caller's thread (for event
 * loops: Vert.x, WebFlux, Quarkus reactive).
 */
public final class Retort {
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "retort-worker");
        t.setDaemon(true);
        return t;
    });

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("dev.retort");
    private final RetortConfig config;
    private final Executor executor;
    private volatile boolean announced;

    private Retort(RetortConfig config, Executor executor) {
        this.config = config;
        this.executor = executor;
    }

    public static Retort create(RetortConfig config) { return new Retort(config, WORKERS); }

    /** The same Retort, running its async variants on the given executor. */
    public Retort withExecutor(Executor e) { return new Retort(config, e); }

    public RetortConfig config() { return config; }

    // ---- the revision folder ----

    public ScriptDirectory scripts() { return new ScriptDirectory(config.versionsDir(), config.fileTemplate()); }

    private RevisionGraph graph;
    private java.util.SortedMap<Path, String> graphFiles;

    /**
     * The revisions in the script folder. Read once per set of files: a command that needs the graph twice reads 500
     * headers once, and a long-lived instance sees files that were added, removed or changed.
     */
    public RevisionGraph graph() {
        ScriptDirectory scripts = scripts();
        java.util.SortedMap<Path, String> files = scripts.files();
        if (graph == null || !files.equals(graphFiles)) {
            graph = scripts.graph(files.keySet());
            graphFiles = files;
        }
        return graph;
    }

    /** The recorded heads and a partly applied revision, read on one connection. */
    public record Status(Set<String> heads, Optional<VersionTable.Partial> partial) {}

    public Status status() {
        return withConnection((c, d) -> {
            VersionTable vt = versionTable(d);
            Set<String> heads = vt.heads(c);
            Migrator.checkKnown(graph(), heads, config.versionsDir().toString());
            return new Status(heads, vt.partial(c));
        });
    }

    // ---- online commands ----

    public Set<String> current() {
        return withConnection((c, d) -> {
            Set<String> heads = versionTable(d).heads(c);
            Migrator.checkKnown(graph(), heads, config.versionsDir().toString());
            return heads;
        });
    }

    /** A revision that ran only in part (outside a transaction) and has not been resumed or repaired. */
    public Optional<VersionTable.Partial> partial() {
        return withConnection((c, d) -> versionTable(d).partial(c));
    }

    public List<Step> upgrade(String target) { return migrate(target, true, false); }

    public List<Step> downgrade(String target) { return migrate(target, false, false); }

    /** Upgrades or downgrades; unless {@code ignoreChecksums}, stops when an applied revision's source changed. */
    public List<Step> migrate(String target, boolean up, boolean ignoreChecksums) {
        RevisionGraph graph = graph();
        if (up && alreadyThere(graph, target, ignoreChecksums)) return List.of();
        return withLock((c, d) -> {
            VersionTable vt = versionTable(d);
            Set<String> current = vt.heads(c);
            Migrator.checkKnown(graph, current, config.versionsDir().toString());
            if (!ignoreChecksums) {
                List<String> changed = changedRevisions(graph, current, vt.recordedChecksums(c));
                if (!changed.isEmpty()) {
                    changed.forEach(line -> log.error(line));
                    throw new RetortException(changed.size() + " applied revision(s) changed since they were applied (listed above);"
                            + " restore them, accept the change with 'retort repair', or pass --ignore-checksums");
                }
            }
            Set<String> want = graph.resolveTarget(target, current);
            VersionTable.Partial partial = vt.partial(c).orElse(null);
            Migrator m = migrator(d).withHeadsReader(() -> vt.heads(c))
                    .withSchemaReader(schema -> d.inspect(c, filter(d).withSchemas(List.of(schema))))
                    .settling(partial != null && partial.state().equals("running") ? partial.revision() : null);
            List<Step> steps = m.plan(graph, current, want, up);
            for (Step s : steps) {
                for (String sql : s.statements()) {
                    Optional<String> refused = d.refusal(c, sql);
                    if (refused.isPresent()) throw new RetortException(s.revision().where() + ": " + refused.get() + "; nothing was run");
                }
            }
            m.run(steps, new Sink.Online(c), !vt.exists(c), partial);
            return steps;
        });
    }

    /**
     * Whether an upgrade has nothing to do, read without the lock: replicas that start at head each read the version
     * table once and exit. Anything else (a run to make, a failed revision, a changed checksum, a target that does not
     * resolve) goes the locked way, which acts on it or reports it.
     */
    private boolean alreadyThere(RevisionGraph graph, String target, boolean ignoreChecksums) {
        return withConnection((c, d) -> {
            VersionTable vt = versionTable(d);
            Set<String> current = vt.heads(c);
            if (current.isEmpty() || !current.stream().allMatch(graph::contains) || vt.partial(c).isPresent()) return false;
            Set<String> want;
            try {
                want = graph.resolveTarget(target, current);
            } catch (RetortException e) {
                return false;
            }
            if (!graph.upgradePath(current, want).isEmpty()) return false;
            return ignoreChecksums || changedRevisions(graph, current, vt.recordedChecksums(c)).isEmpty();
        });
    }

    /** One line per applied revision whose source changed since it was applied; empty when all match. */
    public List<String> validate() {
        RevisionGraph graph = graph();
        return withConnection((c, d) -> {
            VersionTable vt = versionTable(d);
            Set<String> current = vt.heads(c);
            Migrator.checkKnown(graph, current, config.versionsDir().toString());
            return changedRevisions(graph, current, vt.recordedChecksums(c));
        });
    }

    /** Records the current checksums of changed applied revisions, each with an audit row in the history table. */
    public List<String> repair() {
        RevisionGraph graph = graph();
        return withLock((c, d) -> {
            VersionTable vt = versionTable(d);
            Set<String> current = vt.heads(c);
            Migrator.checkKnown(graph, current, config.versionsDir().toString());
            Map<String, String> recorded = vt.recordedChecksums(c);
            List<String> repaired = new ArrayList<>();
            Sink sink = new Sink.Online(c);
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

    private static List<String> changedRevisions(RevisionGraph graph, Set<String> current, Map<String, String> recorded) {
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

    /** Records a revision as current without running anything. */
    public Set<String> stamp(String target) {
        RevisionGraph graph = graph();
        return withLock((c, d) -> {
            VersionTable vt = versionTable(d);
            Set<String> current = vt.heads(c);
            Set<String> want = new LinkedHashSet<>(graph.resolveTarget(target, current));
            Sink sink = new Sink.Online(c);
            sink.begin();
            if (!vt.exists(c)) for (String s : vt.create()) sink.execute(s);
            for (String s : vt.move(current, want)) sink.execute(s);
            sink.execute(vt.record(Migrator.describe(want), "stamp", "stamped from " + Migrator.describe(current), null));
            sink.commit();
            return want;
        });
    }

    // ---- offline ----

    /** Writes the upgrade script for "END" (from base) or "START:END" without connecting. */
    public void upgradeSql(String range, PrintStream out) { offline(range, true, out); }

    /** Writes the downgrade script for "FROM:TO" without connecting. */
    public void downgradeSql(String range, PrintStream out) { offline(range, false, out); }

    private void offline(String range, boolean upgrade, PrintStream out) {
        Dialect d = dialect();
        RevisionGraph graph = graph();
        int colon = range.indexOf(':');
        if (colon < 0 && !upgrade) throw new RetortException("offline downgrade needs a range FROM:TO, e.g. 'downgrade head:base --sql'");
        Set<String> from = colon < 0 ? Set.of() : graph.resolveTarget(range.substring(0, colon), Set.of());
        Set<String> to = graph.resolveTarget(colon < 0 ? range : range.substring(colon + 1), from);
        Migrator m = migrator(d);
        List<Step> steps = m.plan(graph, from, to, upgrade);
        if (steps.isEmpty() && !from.equals(to)) {
            String other = upgrade ? "downgrade" : "upgrade";
            throw new RetortException((upgrade ? "upgrade" : "downgrade") + " range " + range + " has nothing to run: "
                    + Migrator.describe(to) + (upgrade ? " does not come after " : " does not come before ") + Migrator.describe(from)
                    + "; for the other direction use 'retort " + other + " " + range + " --sql'");
        }
        if (config.embedded()) {
            log.warn("No database URL configured: writing the script for H2, the embedded default; pass --url postgresql:// (or mysql://, sqlite://) for another database");
        }
        Sink.Offline sink = new Sink.Offline(out);
        sink.comment("Retort " + (upgrade ? "upgrade" : "downgrade") + " " + Migrator.describe(from) + " -> " + Migrator.describe(to)
                + " for " + d.name());
        for (String setting : d.sessionSettings()) sink.execute(setting);
        m.run(steps, sink, true);
    }

    // ---- models and compare ----

    /** The operations that bring the database to the models; empty when they agree. */
    public List<Operation> check() {
        return withConnection((c, d) -> {
            RevisionGraph graph = graph();
            Set<String> heads = versionTable(d).heads(c);
            Migrator.checkKnown(graph, heads, config.versionsDir().toString());
            return compareWithModels(c, d, () -> models().load(d.name()));
        });
    }

    /**
     * Writes a new revision after the current head. With {@code autogenerate}, its body is what turns the database
     * into the models; returns empty when there is nothing to write.
     */
    public Optional<Path> revision(String message, boolean autogenerate) {
        RevisionGraph graph = graph();
        List<String> heads = graph.heads();
        if (heads.size() > 1) {
            throw new RetortException("multiple heads: " + String.join(", ", heads) + "; join them with 'retort merge -m MESSAGE' first");
        }
        List<Operation> up = List.of();
        Dialect d = autogenerate ? dialect() : null;
        Dialect spelling = d;
        if (autogenerate) {
            java.util.concurrent.atomic.AtomicReference<Catalog> declared = new java.util.concurrent.atomic.AtomicReference<>();
            up = withConnection((c, dd) -> {
                Set<String> current = versionTable(dd).heads(c);
                Migrator.checkKnown(graph, current, config.versionsDir().toString());
                if (!current.equals(new LinkedHashSet<>(heads))) {
                    throw new RetortException("the database is not up to date (at " + Migrator.describe(current) + ", head is "
                            + Migrator.describe(new LinkedHashSet<>(heads)) + "); run 'retort upgrade head' first");
                }
                return compareWithModels(c, dd, () -> {
                    Catalog models = models().load(dd.name());
                    declared.set(models);
                    return models;
                });
            });
            if (!d.name().equals("postgresql") && config.entities().isEmpty()) {
                // one revision set for every database: what this one creates is written as the models declare it
                // (JPA entities are not: Hibernate declares them in the database's own types)
                Dialect pg = Dialects.forName("postgresql");
                up = dev.retort.compare.DeclaredSpelling.apply(up, declared.get(), pg.normalize(declared.get()),
                        migrator(d).replay(graph, new LinkedHashSet<>(heads)), pg::qualify);
                spelling = pg;
            }
            if (up.isEmpty()) return Optional.empty();
            // render_as_batch: on a database that rebuilds tables to alter them, one rebuild per table
            if (config.renderAsBatch(d.rendersBatches())) up = RevisionSource.batched(up);
        }
        List<Operation> down = new ArrayList<>();
        for (Operation o : up) down.add(o.reverse());
        Collections.reverse(down);
        ScriptDirectory scripts = scripts();
        RevisionInfo r = scripts.plan(message, heads, ZonedDateTime.now());
        String source = new RevisionSource(spelling != null ? spelling : Dialects.forName("postgresql")).file(r, up, down);
        return Optional.of(scripts.write(r, source));
    }

    /** Writes a revision whose parents are the given revisions (default: all heads). */
    public Path merge(String message, List<String> revisions) {
        RevisionGraph graph = graph();
        List<String> parents = new ArrayList<>();
        if (revisions.isEmpty() || revisions.equals(List.of("heads"))) parents.addAll(graph.heads());
        else for (String r : revisions) parents.add(graph.resolveId(r));
        if (parents.size() < 2) throw new RetortException("nothing to merge: " + (parents.isEmpty() ? "no revisions" : "a single head " + parents.get(0)));
        ScriptDirectory scripts = scripts();
        RevisionInfo r = scripts.plan(message, parents, ZonedDateTime.now());
        return scripts.write(r, new RevisionSource(Dialects.forName("postgresql")).file(r, List.of(), List.of()));
    }

    /** What turns the first database's schema into the second's, for the given schemas (all user schemas if none). */
    public List<Operation> diff(String fromUrl, String toUrl, List<String> schemas) { return diffWithSource(fromUrl, toUrl, schemas).getValue(); }

    /** The same diff as SQL for the first database. */
    public List<String> diffSql(String fromUrl, String toUrl, List<String> schemas) {
        Map.Entry<Catalog, List<Operation>> d = diffWithSource(fromUrl, toUrl, schemas);
        Dialect dialect = Dialects.forUrl(DatabaseUrl.parse(fromUrl));
        // as autogenerate does: where tables are rebuilt to change them, one rebuild per table
        List<Operation> ops = config.renderAsBatch(dialect.rendersBatches()) ? RevisionSource.batched(d.getValue()) : d.getValue();
        return dialect.renderAll(ops, d.getKey());
    }

    /**
     * Each side is read by its own dialect, on a connection with that dialect's session settings. When the two are
     * different databases, the second side's catalog is taken as the first database's models are: normalised by the
     * first dialect, so what remains are the differences that database would see.
     */
    private Map.Entry<Catalog, List<Operation>> diffWithSource(String fromUrl, String toUrl, List<String> schemas) {
        DatabaseUrl a = DatabaseUrl.parse(fromUrl).withConnectTimeout(config.connectTimeout());
        DatabaseUrl b = DatabaseUrl.parse(toUrl).withConnectTimeout(config.connectTimeout());
        Dialect d = Dialects.forUrl(a), db = Dialects.forUrl(b);
        Catalog from = read(a, d, schemas), to = read(b, db, schemas);
        if (!d.name().equals(db.name())) to = restrict(d.normalize(new Catalog(to.schemas(), false)), filter(d).withSchemas(schemas));
        return Map.entry(from, new Compare(d, options()).compare(from, to));
    }

    private Catalog read(DatabaseUrl url, Dialect d, List<String> schemas) {
        try (Connection c = Connections.open(url, d)) {
            return d.inspect(c, filter(d).withSchemas(schemas).ignoring(List.of()));
        } catch (SQLException e) {
            throw new RetortException("cannot read " + url + ": " + Connections.firstLine(dev.retort.config.Secrets.mask(e.getMessage(), url.password())), e);
        }
    }

    /**
     * Compares the database with the models. When the managed schemas are configured, the database is read on another
     * thread while this one loads the models (2,000 model tables take about 0.25 s to build, the catalog read about
     * 0.4 s, and neither needs the other); otherwise the models' schemas decide what is read, so the read comes after.
     */
    private List<Operation> compareWithModels(Connection c, Dialect d, java.util.function.Supplier<Catalog> models) throws SQLException {
        DatabaseUrl url = url();
        java.util.concurrent.CompletableFuture<Catalog> early = null;
        if (!config.schemas().isEmpty()) {
            Filter configured = filter(d).withSchemas(config.schemas());
            early = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return d.inspect(c, configured, () -> Connections.open(url, d));
                } catch (SQLException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }, WORKERS);
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
        List<String> managed = new ArrayList<>(config.schemas());
        if (managed.isEmpty()) managed.addAll(target.schemas().keySet());
        Filter f = filter(d).withSchemas(managed);
        Catalog db = early == null ? d.inspect(c, f, () -> Connections.open(url, d)) : joinCatalog(early);
        checkReferences(target, db, f);
        return new Compare(d, options()).compare(db, restrict(target, f));
    }

    private static Catalog joinCatalog(java.util.concurrent.CompletableFuture<Catalog> read) throws SQLException {
        try {
            return read.join();
        } catch (java.util.concurrent.CompletionException e) {
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
            for (dev.retort.schema.ForeignKey fk : t.foreignKeys()) {
                String ref = fk.refSchema() + "." + fk.refTable();
                java.util.Optional<Table> declared = target.table(fk.refSchema(), fk.refTable());
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

    /** The part of a declared catalog the filter admits. */
    static Catalog restrict(Catalog c, Filter f) {
        Map<String, Schema> out = new HashMap<>();
        for (Schema s : c.schemas().values()) {
            if (!f.includesSchema(s.name())) continue;
            Map<String, Table> tables = new HashMap<>();
            s.tables().forEach((k, t) -> { if (f.includesTable(s.name(), k)) tables.put(k, t); });
            out.put(s.name(), s.withTables(tables));
        }
        return new Catalog(out, c.fromDatabase());
    }

    // ---- async variants ----

    public CompletableFuture<List<Step>> upgradeAsync(String target) { return async(() -> upgrade(target)); }

    public CompletableFuture<List<Step>> downgradeAsync(String target) { return async(() -> downgrade(target)); }

    public CompletableFuture<Set<String>> currentAsync() { return async(this::current); }

    public CompletableFuture<List<Operation>> checkAsync() { return async(this::check); }

    public CompletableFuture<Set<String>> stampAsync(String target) { return async(() -> stamp(target)); }

    private <T> CompletableFuture<T> async(Supplier<T> work) { return CompletableFuture.supplyAsync(work, executor); }

    // ---- plumbing ----

    private DatabaseUrl url() { return DatabaseUrl.parse(config.url()).withConnectTimeout(config.connectTimeout()); }

    public Dialect dialect() {
        if (config.url() == null) {
            throw new RetortException("no database URL: pass --url, set RETORT_URL or DATABASE_URL, or set url in retort.toml"
                    + " (offline scripts need one too, for the dialect: e.g. --url postgresql://)");
        }
        return Dialects.forUrl(DatabaseUrl.parse(config.url()));
    }

    private ModelLoader models() {
        return new ModelLoader(config.modelClasses(), config.entities(), config.modelOptions(), config.modelSources(), config.modelClasspath(),
                config.cacheDir());
    }

    /** Revisions compile against the models, which are built only if a revision needs compiling. */
    private RevisionCompiler compiler() {
        return new RevisionCompiler(config.cacheDir(), () -> {
            ModelLoader models = models();
            List<Path> cp = config.modelSources().isEmpty() ? new ArrayList<>(config.modelClasspath()) : models.roots();
            return new RevisionCompiler.Models(cp, models.classLoader());
        });
    }

    private Migrator migrator(Dialect d) {
        return new Migrator(d, versionTable(d), compiler(), config.transactionPer());
    }

    public VersionTable versionTable(Dialect d) {
        return new VersionTable(d, config.versionTableSchema(), config.versionTable(), config.historyTable());
    }

    private Filter filter(Dialect d) {
        VersionTable vt = versionTable(d);
        return new Filter(config.schemas(), config.excludeSchemas(), config.includeTables(), config.excludeTables(), Set.of())
                .ignoring(List.of(vt.schema() + "." + vt.table(), vt.schema() + "." + vt.history()))
                .ignoring(d.lockTables(vt.schema() + "." + vt.table()));
    }

    private CompareOptions options() { return new CompareOptions(config.compareType(), config.compareServerDefault()); }

    interface Work<T> { T run(Connection c, Dialect d) throws SQLException; }

    /** Runs the work holding the migration lock, taken before anything is read. */
    private <T> T withLock(Work<T> work) {
        DatabaseUrl url = url();
        Dialect d = dialect();
        VersionTable vt = versionTable(d);
        try (MigrationLock lock = MigrationLock.acquire(url, d, vt.schema() + "." + vt.table(), config.lockTimeout())) {
            return withConnection((c, dd) -> {
                lock.fence(c);
                versionTable(dd).addMissingColumns(c);
                return work.run(c, dd);
            });
        }
    }

    private <T> T withConnection(Work<T> work) {
        Dialect d = dialect();
        DatabaseUrl url = url();
        if (config.embedded() && !announced) log.info("No database URL configured; using the embedded H2 database {}", url);
        announced = true;
        try (Connection c = Connections.open(url, d)) {
            return work.run(c, d);
        } catch (SQLException e) {
            throw new RetortException("database error on " + url + ": " + dev.retort.config.Secrets.mask(e.getMessage(), url.password()), e);
        }
    }
}
