package dev.retort.command;

import dev.retort.api.RetortException;
import dev.retort.compare.CompareOptions;
import dev.retort.config.DatabaseUrl;
import dev.retort.config.RetortConfig;
import dev.retort.config.Secrets;
import dev.retort.schema.Unrepresented;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.Filter;
import dev.retort.dialects.Dialects;
import dev.retort.runtime.Callbacks;
import dev.retort.runtime.Connections;
import dev.retort.runtime.MigrationLock;
import dev.retort.runtime.Migrator;
import dev.retort.runtime.ModelLoader;
import dev.retort.dialect.VersionTable;
import dev.retort.script.RevisionCompiler;
import dev.retort.script.RevisionGraph;
import dev.retort.script.ScriptDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What every command works on: the configuration, the revision folder (its graph read once per set of files) and the
 * database, reached through one connection or under the migration lock.
 */
public final class Project {
    /** Retort's own worker threads: async commands run here unless the caller gives an executor. */
    public static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "retort-worker");
        t.setDaemon(true);
        return t;
    });

    static final Logger log = LoggerFactory.getLogger("dev.retort");

    private final RetortConfig config;
    private volatile boolean announced;
    private RevisionGraph graph;
    private SortedMap<Path, String> graphFiles;

    private final ClassLoader applicationClasses;

    public Project(RetortConfig config) { this(config, null); }

    /** {@code applicationClasses}: where revisions compiled into the application are found (null: none are). */
    public Project(RetortConfig config, ClassLoader applicationClasses) {
        this.config = config;
        this.applicationClasses = applicationClasses;
    }

    public RetortConfig config() { return config; }

    public ScriptDirectory scripts() { return new ScriptDirectory(config.versionsDir(), config.fileTemplate()); }

    /**
     * The revisions in the script folder. Read once per set of files: a command that needs the graph twice reads 500
     * headers once, and a long-lived instance sees files that were added, removed or changed.
     */
    public synchronized RevisionGraph graph() {
        ScriptDirectory scripts = scripts();
        SortedMap<Path, String> files = scripts.files();
        if (graph == null || !files.equals(graphFiles)) {
            graph = scripts.graph(files.keySet());
            graphFiles = files;
        }
        return graph;
    }

    /** Fails with the user's words when an applied revision is not in the folder. */
    /** Checks that every recorded head is a known revision, and that none is another's ancestor. */
    void checkKnown(RevisionGraph graph, Set<String> heads) {
        String where = config.versionsDir().toString();
        for (String h : heads) {
            if (!graph.contains(h)) {
                throw new RetortException("the database is at revision " + h + ", which no file in " + where
                        + " has; restore the file, or record another revision with 'retort stamp'");
            }
        }
        for (String h : heads) {
            for (String other : heads) {
                if (!other.equals(h) && graph.ancestorsOrSelf(Set.of(other)).contains(h)) {
                    throw new RetortException("the version table holds both " + h + " and its descendant " + other
                            + ", which no run writes; say which it is at with 'retort stamp " + other + " --purge' (or the right revision)");
                }
            }
        }
    }

    DatabaseUrl url() {
        return DatabaseUrl.parse(config.url(), config.allowH2Init()).withCredentials(config.user(), config.password()).withConnectTimeout(config.connectTimeout());
    }

    public Dialect dialect() {
        if (config.url() == null) {
            throw new RetortException("no database URL: pass --url, set RETORT_URL or DATABASE_URL, or set url in retort.toml"
                    + " (offline scripts need one too, for the dialect: e.g. --url postgresql://)");
        }
        return Dialects.forUrl(DatabaseUrl.parse(config.url(), config.allowH2Init()));
    }

    ModelLoader models() {
        return new ModelLoader(config.modelClasses(), config.entities(), config.modelOptions(), config.modelSources(), config.modelClasspath(),
                config.cacheDir());
    }

    /** Revisions compile against the models, which are built only if a revision needs compiling. */
    private RevisionCompiler compiler() {
        return new RevisionCompiler(config.cacheDir(), () -> {
            ModelLoader models = models();
            List<Path> cp = config.modelSources().isEmpty() ? new ArrayList<>(config.modelClasspath()) : models.roots();
            return new RevisionCompiler.Models(cp, models.classLoader());
        }).withApplicationClasses(applicationClasses);
    }

    Migrator migrator(Dialect d) {
        return new Migrator(d, versionTable(d), compiler(), config.transactionPer(), config.placeholders(), callbacks())
                .withDdlLockTimeout(config.ddlLockTimeout());
    }

    private Callbacks callbacks;

    /** The callback files and classes, read once. */
    synchronized Callbacks callbacks() {
        if (callbacks == null) callbacks = Callbacks.load(config.callbacksDir(), config.callbacks(), () -> models().classLoader()).with(extraCallbacks);
        return callbacks;
    }

    private List<dev.retort.api.Callback> extraCallbacks = List.of();

    /** Callback instances to run besides the configured ones (a Spring application's Callback beans). */
    public Project withCallbacks(List<dev.retort.api.Callback> more) {
        extraCallbacks = List.copyOf(more);
        return this;
    }

    public VersionTable versionTable(Dialect d) {
        return new VersionTable(d, config.versionTableSchema(), config.versionTable(), config.historyTable());
    }

    /** The objects Retort manages: the configured schemas and tables, without its own version, history and lock tables. */
    Filter filter(Dialect d) {
        VersionTable vt = versionTable(d);
        return new Filter(config.schemas(), config.excludeSchemas(), config.includeTables(), config.excludeTables(), Set.of(), config.manageGrants())
                .ignoring(List.of(vt.schema() + "." + vt.table(), vt.schema() + "." + vt.history()))
                .ignoring(d.lockTables(vt.schema() + "." + vt.table()));
    }

    CompareOptions options() { return new CompareOptions(config.compareType(), config.compareServerDefault()); }

    interface Work<T> { T run(Connection c, Dialect d) throws SQLException; }

    /**
     * Begins connecting on a thread of its own, so that the driver loads and the server answers while the revisions
     * are read; null when the configuration has no usable URL, which the first command to connect then reports, in
     * the order it always has. Closing it closes the connection.
     */
    Connections.Pending connectEarly() {
        try {
            return Connections.start(url(), dialect());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Runs the work holding the migration lock, taken before anything is read. */
    <T> T withLock(Work<T> work) { return withLock(null, work); }

    /** The same, with the work on {@code early}'s connection when there is one. */
    <T> T withLock(Connections.Pending early, Work<T> work) {
        DatabaseUrl url = url();
        Dialect d = dialect();
        VersionTable vt = versionTable(d);
        try (MigrationLock lock = MigrationLock.acquire(url, d, vt.schema() + "." + vt.table(), config.lockTimeout())) {
            return withConnection(early, (c, dd) -> {
                lock.fence(c);
                versionTable(dd).addMissingColumns(c);
                return work.run(c, dd);
            });
        }
    }

    <T> T withConnection(Work<T> work) { return withConnection(null, work); }

    /** Runs the work on {@code early}'s connection, left open, or on a connection of its own when that is null. */
    <T> T withConnection(Connections.Pending early, Work<T> work) {
        Dialect d = dialect();
        DatabaseUrl url = url();
        if (config.embedded() && !announced) log.info("No database URL configured; using the embedded H2 database {}", url);
        announced = true;
        try (Connections.Pending own = early == null ? Connections.start(url, d) : null) {
            return work.run((early == null ? own : early).connection(), d);
        } catch (SQLException e) {
            throw new RetortException("database error on " + url + ": " + Secrets.mask(e.getMessage(), url.password()), e);
        }
    }

    /**
     * Names each object Retort does not model (a warning, or with {@code strict} a failure), so that nothing a
     * database holds disappears without a word from what check and diff report.
     */
    static void reportUnmodelled(List<Unrepresented> found, String consequence, boolean strict) {
        if (found.isEmpty()) return;
        if (strict) {
            throw new RetortException(found.size() + " object(s) not compared (" + consequence + "): "
                    + found.stream().map(Unrepresented::describe).collect(java.util.stream.Collectors.joining("; ")), null, 1);
        }
        for (Unrepresented u : found) log.warn("{}: not compared; {}", u.describe(), consequence);
    }
}
