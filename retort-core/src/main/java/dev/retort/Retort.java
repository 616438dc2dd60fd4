package dev.retort;

import dev.retort.command.Baseline;
import dev.retort.command.Check;
import dev.retort.command.Clean;
import dev.retort.command.Current;
import dev.retort.command.Diff;
import dev.retort.command.Lint;
import dev.retort.command.Migrate;
import dev.retort.command.NewRevision;
import dev.retort.command.OfflineScript;
import dev.retort.command.Project;
import dev.retort.command.Repair;
import dev.retort.command.Stamp;
import dev.retort.command.Validate;
import dev.retort.compare.Renames;
import dev.retort.config.RetortConfig;
import dev.retort.dialect.Dialect;
import dev.retort.lint.Finding;
import dev.retort.ops.Operation;
import dev.retort.schema.Catalog;
import dev.retort.runtime.Migrator.Step;
import dev.retort.dialect.VersionTable;
import dev.retort.script.RevisionGraph;
import dev.retort.script.ScriptDirectory;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Retort's Java API: every command as a blocking method, and the ones that talk to the database also as
 * {@code ...Async} variants that run on Retort's own worker threads and never block the caller's thread (for event
 * loops: Vert.x, WebFlux, Quarkus reactive). Each command is a class of {@code dev.retort.command}; this facade only
 * names them.
 */
public final class Retort {
    private final Project project;
    private final Executor executor;

    private Retort(Project project, Executor executor) {
        this.project = project;
        this.executor = executor;
    }

    public static Retort create(RetortConfig config) { return new Retort(new Project(config), Project.WORKERS); }

    /**
     * A Retort whose Java revisions may be compiled into the application: a revision that is not plain runs from the
     * class of its name in {@code applicationClasses} (with the same {@code @Revision} id) instead of being compiled.
     */
    public static Retort create(RetortConfig config, ClassLoader applicationClasses) {
        return create(config, applicationClasses, List.of());
    }

    /** The same, with callback instances run after the configured ones (a Spring application's {@code Callback} beans). */
    public static Retort create(RetortConfig config, ClassLoader applicationClasses, List<dev.retort.api.Callback> callbacks) {
        return new Retort(new Project(config, applicationClasses).withCallbacks(callbacks), Project.WORKERS);
    }

    /** The same Retort, running its async variants on the given executor. */
    public Retort withExecutor(Executor e) { return new Retort(project, e); }

    public RetortConfig config() { return project.config(); }

    public ScriptDirectory scripts() { return project.scripts(); }

    public RevisionGraph graph() { return project.graph(); }

    public Dialect dialect() { return project.dialect(); }

    public VersionTable versionTable(Dialect d) { return project.versionTable(d); }

    // ---- online commands ----

    public Set<String> current() { return new Current(project).heads(); }

    public Current.Status status() { return new Current(project).status(); }

    /** A revision that ran only in part (outside a transaction) and has not been resumed or repaired. */
    public Optional<VersionTable.Partial> partial() { return new Current(project).partial(); }

    public List<Step> upgrade(String target) { return migrate(target, true, false); }

    public List<Step> downgrade(String target) { return migrate(target, false, false); }

    /** Upgrades or downgrades; unless {@code ignoreChecksums}, stops when an applied revision's source changed. */
    public List<Step> migrate(String target, boolean up, boolean ignoreChecksums) { return new Migrate(project).run(target, up, ignoreChecksums); }

    /** One line per applied revision whose source changed since it was applied; empty when all match. */
    public List<String> validate() { return new Validate(project).run(); }

    /** Records the current checksums of changed applied revisions, each with an audit row in the history table. */
    public List<String> repair() { return new Repair(project).run(); }

    /**
     * Adopts a database that already holds the schema: records {@code target} (null: head, or Alembic's version when
     * importing from Alembic) after checking the database against it; nothing is recorded when it differs.
     */
    public Baseline.Result baseline(String target, Baseline.Source importFrom, String table) { return new Baseline(project).run(target, importFrom, table); }

    /**
     * Drops every object in the managed schemas and the version tables (clean_enabled = true, schemas listed, a
     * database on this machine unless {@code force}); returns the statements it ran.
     */
    public List<String> clean(boolean force) { return new Clean(project).run(force); }

    /** Records a revision as current without running anything. */
    public Set<String> stamp(String target) { return new Stamp(project).run(target); }

    /** The same, emptying the version table first ({@code stamp --purge}). */
    public Set<String> stamp(String target, boolean purge) { return new Stamp(project).run(target, purge); }

    /** Makes the version and history tables if they are missing; true when it made them. */
    public boolean ensureVersionTables() { return new Stamp(project).ensureVersionTables(); }

    // ---- offline ----

    /** Writes the upgrade script for "END" (from base) or "START:END" without connecting. */
    public void upgradeSql(String range, PrintStream out) { new OfflineScript(project).write(range, true, out); }

    /** Writes the downgrade script for "FROM:TO" without connecting. */
    public void downgradeSql(String range, PrintStream out) { new OfflineScript(project).write(range, false, out); }

    /**
     * What lint finds in the upgrades of {@code range} (null: every revision; "REV"; "START:END"), each against the
     * schema the revisions before it make.
     */
    public List<Finding> lint(String range) { return new Lint(project).run(range); }

    // ---- models and compare ----

    /** The operations that bring the database to the models; empty when they agree. */
    public List<Operation> check() { return new Check(project).run(); }

    /** The same; {@code strict}: fail (exit 1) when the database holds something Retort does not model, rather than warn. */
    public List<Operation> check(boolean strict) { return new Check(project).strict(strict).run(); }

    /**
     * Writes a new revision after the current head. With {@code autogenerate}, its body is what turns the database
     * into the models; returns empty when there is nothing to write.
     */
    public Optional<Path> revision(String message, boolean autogenerate) { return new NewRevision(project).revision(message, autogenerate); }

    /**
     * The same with rename hints: {@code renames} pairs taken as renames ("public.note" = "public.memo"); other likely
     * renames asked of {@code confirm}, or written as renames with a comment asking to confirm when it is null.
     */
    public Optional<Path> revision(String message, boolean autogenerate, Map<String, String> renames, Renames.Confirm confirm) {
        return revision(message, autogenerate, new NewRevision.Options(null, false, null, null, List.of(), List.of(), renames, confirm, false));
    }

    /** A new revision placed and filled as {@code options} say (--head, --splice, --rev-id, --version-path, labels, renames). */
    public Optional<Path> revision(String message, boolean autogenerate, NewRevision.Options options) {
        return new NewRevision(project).revision(message, autogenerate, options);
    }

    /** Writes a revision whose parents are the given revisions (default: all heads). */
    public Path merge(String message, List<String> revisions) { return new NewRevision(project).merge(message, revisions); }

    /** What turns the first database's schema into the second's, for the given schemas (all user schemas if none). */
    public List<Operation> diff(String fromUrl, String toUrl, List<String> schemas) { return new Diff(project).operations(fromUrl, toUrl, schemas); }

    /** The database's schema as Retort reads it: the managed schemas, without Retort's own tables. */
    public Catalog inspect() { return new Diff(project).database(); }

    /** The same diff as SQL for the first database. */
    public List<String> diffSql(String fromUrl, String toUrl, List<String> schemas) { return new Diff(project).sql(fromUrl, toUrl, schemas); }

    /** {@link #diff} and {@link #diffSql} failing, when {@code strict}, on what either database holds that Retort does not model. */
    public List<Operation> diff(String fromUrl, String toUrl, List<String> schemas, boolean strict) {
        return new Diff(project).strict(strict).operations(fromUrl, toUrl, schemas);
    }

    public List<String> diffSql(String fromUrl, String toUrl, List<String> schemas, boolean strict) {
        return new Diff(project).strict(strict).sql(fromUrl, toUrl, schemas);
    }

    // ---- async variants ----

    public CompletableFuture<List<Step>> upgradeAsync(String target) { return async(() -> upgrade(target)); }

    public CompletableFuture<List<Step>> downgradeAsync(String target) { return async(() -> downgrade(target)); }

    public CompletableFuture<Set<String>> currentAsync() { return async(this::current); }

    public CompletableFuture<List<Operation>> checkAsync() { return async(this::check); }

    public CompletableFuture<Set<String>> stampAsync(String target) { return async(() -> stamp(target)); }

    private <T> CompletableFuture<T> async(Supplier<T> work) { return CompletableFuture.supplyAsync(work, executor); }
}
