package dev.retort.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.Map;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything a run needs to know, resolved from flags, environment and retort.toml (in that order of strength).
 * Paths are absolute.
 */
public record RetortConfig(
        Path projectDir,
        Path scriptLocation,
        String url,
        List<String> schemas,
        List<String> excludeSchemas,
        List<String> includeTables,
        List<String> excludeTables,
        String versionTable,
        String versionTableSchema,
        boolean compareType,
        boolean compareServerDefault,
        TransactionMode transactionPer,
        String fileTemplate,
        List<String> modelClasses,
        List<Path> modelSources,
        List<Path> modelClasspath,
        List<String> entities,
        Map<String, String> modelOptions,
        Duration lockTimeout,
        Boolean renderAsBatch,
        Duration connectTimeout,
        Map<String, String> placeholders,
        List<String> callbacks,
        String user,
        String password,
        boolean safeDdl,
        List<String> postWriteHooks,
        boolean cleanEnabled,
        boolean manageGrants,
        Duration ddlLockTimeout,
        boolean allowH2Init,
        String lintGate) {

    public enum TransactionMode { MIGRATION, RUN }

    /** How long connecting and logging in may take before the run gives up (connect_timeout). */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * How long a revision's statement waits for a lock another session holds before the revision fails
     * (ddl_lock_timeout; zero: as long as the server's own setting says, which on PostgreSQL and MySQL is for ever).
     */
    public static final Duration DEFAULT_DDL_LOCK_TIMEOUT = Duration.ofSeconds(10);

    public Path versionsDir() { return scriptLocation.resolve("versions"); }

    public Path cacheDir() { return scriptLocation.resolve(".cache"); }

    /** The template new revision files are written from, if the project has one: {@code migrations/revision.java.tmpl}. */
    public Path revisionTemplate() { return scriptLocation.resolve("revision.java.tmpl"); }

    /** SQL callback files: {@code migrations/callbacks/}. */
    public Path callbacksDir() { return scriptLocation.resolve("callbacks"); }

    public String historyTable() { return versionTable + "_history"; }

    /** Whether autogenerate gathers each table's changes into one op.batch: as configured, else where the dialect rebuilds tables (SQLite). */
    public boolean renderAsBatch(boolean dialectRebuilds) { return renderAsBatch == null ? dialectRebuilds : renderAsBatch; }

    public RetortConfig withUrl(String u) { return change(b -> b.url = u); }

    /** The same configuration with credentials that override the URL's (Spring Boot's separate username and password). */
    public RetortConfig withCredentials(String u, String p) {
        return change(b -> {
            b.user = u;
            b.password = p;
        });
    }

    /**
     * The same configuration with run arguments ({@code -x name=value}): they override [placeholders] of the same name,
     * for {@code op.arg} and {@code ${name}} in SQL revisions and callbacks.
     */
    public RetortConfig withArgs(Map<String, String> args) {
        Map<String, String> all = new TreeMap<>(placeholders);
        all.putAll(args);
        return change(b -> b.placeholders = Map.copyOf(all));
    }

    /** The same configuration with more model classpath entries (the command line's --classpath). */
    public RetortConfig withMoreClasspath(List<Path> more) {
        List<Path> cp = new ArrayList<>(modelClasspath);
        cp.addAll(more);
        return change(b -> b.modelClasspath = List.copyOf(cp));
    }

    /** A copy with some settings changed: {@code config.change(b -> b.schemas = List.of("app"))}. */
    public RetortConfig change(Consumer<Builder> edit) {
        Builder b = new Builder(this);
        edit.accept(b);
        return b.build();
    }

    /** The settings of a configuration, to change some and build another. */
    public static final class Builder {
        public Path projectDir;
        public Path scriptLocation;
        public String url;
        public List<String> schemas;
        public List<String> excludeSchemas;
        public List<String> includeTables;
        public List<String> excludeTables;
        public String versionTable;
        public String versionTableSchema;
        public boolean compareType;
        public boolean compareServerDefault;
        public TransactionMode transactionPer;
        public String fileTemplate;
        public List<String> modelClasses;
        public List<Path> modelSources;
        public List<Path> modelClasspath;
        public List<String> entities;
        public Map<String, String> modelOptions;
        public Duration lockTimeout;
        public Boolean renderAsBatch;
        public Duration connectTimeout;
        public Map<String, String> placeholders;
        public List<String> callbacks;
        public String user;
        public String password;
        public boolean safeDdl;
        public List<String> postWriteHooks;
        public boolean cleanEnabled;
        public boolean manageGrants;
        public Duration ddlLockTimeout;
        public boolean allowH2Init;
        public String lintGate;

        Builder(RetortConfig c) {
            projectDir = c.projectDir();
            scriptLocation = c.scriptLocation();
            url = c.url();
            schemas = c.schemas();
            excludeSchemas = c.excludeSchemas();
            includeTables = c.includeTables();
            excludeTables = c.excludeTables();
            versionTable = c.versionTable();
            versionTableSchema = c.versionTableSchema();
            compareType = c.compareType();
            compareServerDefault = c.compareServerDefault();
            transactionPer = c.transactionPer();
            fileTemplate = c.fileTemplate();
            modelClasses = c.modelClasses();
            modelSources = c.modelSources();
            modelClasspath = c.modelClasspath();
            entities = c.entities();
            modelOptions = c.modelOptions();
            lockTimeout = c.lockTimeout();
            renderAsBatch = c.renderAsBatch();
            connectTimeout = c.connectTimeout();
            placeholders = c.placeholders();
            callbacks = c.callbacks();
            user = c.user();
            password = c.password();
            safeDdl = c.safeDdl();
            postWriteHooks = c.postWriteHooks();
            cleanEnabled = c.cleanEnabled();
            manageGrants = c.manageGrants();
            ddlLockTimeout = c.ddlLockTimeout();
            allowH2Init = c.allowH2Init();
            lintGate = c.lintGate();
        }

        public RetortConfig build() {
            return new RetortConfig(projectDir, scriptLocation, url, schemas, excludeSchemas, includeTables, excludeTables, versionTable, versionTableSchema, compareType, compareServerDefault, transactionPer, fileTemplate, modelClasses, modelSources, modelClasspath, entities, modelOptions, lockTimeout, renderAsBatch, connectTimeout, placeholders, callbacks, user, password, safeDdl, postWriteHooks, cleanEnabled, manageGrants, ddlLockTimeout, allowH2Init, lintGate);
        }
    }

    /**
     * The database used when no URL is configured anywhere: an H2 file inside the project, {@code .retort/db.mv.db}.
     * AUTO_SERVER lets several processes (replicas, an IDE) open it at once.
     */
    public static String embeddedUrl(Path projectDir) {
        return "h2:file:" + projectDir.toAbsolutePath().normalize().resolve(".retort").resolve("db") + ";AUTO_SERVER=TRUE";
    }

    /** Says where the project and the database are, never the password (of the URL, or given apart from it). */
    @Override
    public String toString() {
        String shown = url == null ? "none" : Secrets.mask(url, password);
        return "RetortConfig[project " + projectDir + ", revisions " + scriptLocation + ", url " + shown + (user == null ? "" : ", user " + user) + "]";
    }

    /** Whether this run uses the embedded default database. */
    public boolean embedded() { return embeddedUrl(projectDir).equals(url); }

    /** Defaults for a project folder with no retort.toml. */
    public static RetortConfig defaults(Path projectDir) {
        Path dir = projectDir.toAbsolutePath().normalize();
        return new RetortConfig(dir, dir.resolve("migrations"), null, List.of(), List.of(), List.of(), List.of(), "retort_version", null,
                true, true, TransactionMode.MIGRATION, ConfigLoader.DEFAULT_TEMPLATE, List.of(), List.of(), List.of(), List.of(), Map.of(),
                Duration.ofMinutes(5), null, DEFAULT_CONNECT_TIMEOUT, Map.of(), List.of(), null, null, false, List.of(), false, false, DEFAULT_DDL_LOCK_TIMEOUT, false, "error");
    }
}
