package dev.retort.command;

import dev.retort.dialect.VersionTable;

import java.util.Optional;
import java.util.Set;

/** {@code current}: the recorded heads, and a revision that ran only in part. */
public final class Current {
    /** The recorded heads and a partly applied revision, read on one connection. */
    public record Status(Set<String> heads, Optional<VersionTable.Partial> partial) {}

    private final Project project;

    public Current(Project project) { this.project = project; }

    public Set<String> heads() { return status(false).heads(); }

    public Status status() { return status(true); }

    /** A revision that ran only in part (outside a transaction) and has not been resumed or repaired. */
    public Optional<VersionTable.Partial> partial() {
        return project.withConnection((c, d) -> project.versionTable(d).partial(c));
    }

    private Status status(boolean withPartial) {
        return project.withConnection((c, d) -> {
            VersionTable vt = project.versionTable(d);
            Set<String> heads = vt.heads(c);
            project.checkKnown(project.graph(), heads);
            return new Status(heads, withPartial ? vt.partial(c) : Optional.empty());
        });
    }
}
