package dev.retort.script;

import java.nio.file.Path;
import java.util.List;

/** A revision as read from its source header, without compiling it. */
public record RevisionInfo(String id, List<String> parents, String message, String created, boolean transactional,
                           Path path, String className, String checksum) {
    public RevisionInfo {
        parents = List.copyOf(parents);
    }

    /** For the revision graph tests and tools that have no file. */
    public static RevisionInfo of(String id, String... parents) {
        return new RevisionInfo(id, List.of(parents), "", "", true, null, null, null);
    }

    /** Whether the revision is written in SQL ({@code versions/*.sql}) rather than Java. */
    public boolean sql() { return path != null && path.getFileName().toString().endsWith(".sql"); }

    /** The same revision run outside a transaction, statement by statement (what some of its operations need). */
    public RevisionInfo outsideTransaction() { return new RevisionInfo(id, parents, message, created, false, path, className, checksum); }

    public String where() { return path == null ? "revision " + id : path.toString(); }
}
