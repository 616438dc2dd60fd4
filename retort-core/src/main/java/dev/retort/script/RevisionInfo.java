package dev.retort.script;

import java.nio.file.Path;
import java.util.List;

/** A revision as read from its source header, without compiling it. */
public record RevisionInfo(String id, List<String> parents, String message, String created, boolean transactional,
                           Path path, String className, String checksum, List<String> branchLabels, List<String> dependsOn) {
    public RevisionInfo {
        parents = List.copyOf(parents);
        branchLabels = List.copyOf(branchLabels);
        dependsOn = List.copyOf(dependsOn);
    }

    /** A revision with no branch labels and no dependencies beyond its parents. */
    public RevisionInfo(String id, List<String> parents, String message, String created, boolean transactional, Path path, String className,
                        String checksum) {
        this(id, parents, message, created, transactional, path, className, checksum, List.of(), List.of());
    }

    /** For the revision graph tests and tools that have no file. */
    public static RevisionInfo of(String id, String... parents) {
        return new RevisionInfo(id, List.of(parents), "", "", true, null, null, null);
    }

    /** Whether the revision is written in SQL ({@code versions/*.sql}) rather than Java. */
    public boolean sql() { return path != null && path.getFileName().toString().endsWith(".sql"); }

    /** The same revision run outside a transaction, statement by statement (what some of its operations need). */
    public RevisionInfo outsideTransaction() {
        return new RevisionInfo(id, parents, message, created, false, path, className, checksum, branchLabels, dependsOn);
    }

    /** The same revision with branch labels and dependencies. */
    public RevisionInfo with(List<String> labels, List<String> depends) {
        return new RevisionInfo(id, parents, message, created, transactional, path, className, checksum, labels, depends);
    }

    public String where() { return path == null ? "revision " + id : path.toString(); }
}
