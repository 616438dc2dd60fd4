package dev.retort.config;

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
        java.util.Map<String, String> modelOptions,
        java.time.Duration lockTimeout) {

    public enum TransactionMode { MIGRATION, RUN }

    public Path versionsDir() { return scriptLocation.resolve("versions"); }

    public Path cacheDir() { return scriptLocation.resolve(".cache"); }

    public String historyTable() { return versionTable + "_history"; }

    public RetortConfig withUrl(String u) {
        return new RetortConfig(projectDir, scriptLocation, u, schemas, excludeSchemas, includeTables, excludeTables, versionTable,
                versionTableSchema, compareType, compareServerDefault, transactionPer, fileTemplate, modelClasses, modelSources, modelClasspath, entities, modelOptions, lockTimeout);
    }

    /** The same configuration with more model classpath entries (the command line's --classpath). */
    public RetortConfig withMoreClasspath(List<Path> more) {
        List<Path> cp = new java.util.ArrayList<>(modelClasspath);
        cp.addAll(more);
        return new RetortConfig(projectDir, scriptLocation, url, schemas, excludeSchemas, includeTables, excludeTables, versionTable,
                versionTableSchema, compareType, compareServerDefault, transactionPer, fileTemplate, modelClasses, modelSources, List.copyOf(cp), entities, modelOptions, lockTimeout);
    }

    /** Defaults for a project folder with no retort.toml. */
    public static RetortConfig defaults(Path projectDir) {
        Path dir = projectDir.toAbsolutePath().normalize();
        return new RetortConfig(dir, dir.resolve("migrations"), null, List.of(), List.of(), List.of(), List.of(), "retort_version", null,
                true, true, TransactionMode.MIGRATION, ConfigLoader.DEFAULT_TEMPLATE, List.of(), List.of(), List.of(), List.of(), java.util.Map.of(),
                java.time.Duration.ofMinutes(5));
    }
}
