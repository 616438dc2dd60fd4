package dev.retort.cli;

import java.util.Collections;
import java.util.HashSet;
import dev.retort.Retort;
import dev.retort.dialect.VersionTable;
import dev.retort.api.RetortException;
import dev.retort.script.RevisionGraph;
import dev.retort.script.RevisionInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code retort history}: the revisions, newest first, optionally with what the database has applied. */
@Command(name = "history", mixinStandardHelpOptions = true, description = "List revisions, newest first.")
final class History implements Callable<Integer> {
    @ParentCommand RetortCommand root;
    @Option(names = {"-r", "--rev-range"}, paramLabel = "START:END", description = "Only revisions after START up to END.") String range;
    @Option(names = "--verbose", description = "Show each revision's details.") boolean verbose;
    @Option(names = {"-i", "--indicate-current"}, description = "Connect to the database and mark the applied heads, and a revision that failed part-way.")
    boolean indicateCurrent;
    @Option(names = "--graph", description = "Draw the revision graph beside the list: branches, merges and independent bases.") boolean graph;

    @Override
    public Integer call() {
        Retort retort = root.retort();
        RevisionGraph g = retort.graph();
        // "current" in a range reads where the database is
        boolean needsDatabase = indicateCurrent || range != null && List.of(range.split(":", -1)).contains("current");
        var status = needsDatabase ? retort.status() : null;
        Set<String> current = needsDatabase ? status.heads() : Set.of();
        VersionTable.Partial partial = needsDatabase ? status.partial().orElse(null) : null;
        List<RevisionInfo> list = g.all();
        if (range != null) {
            int colon = range.indexOf(':');
            if (colon < 0) throw new RetortException("history range must be START:END, e.g. base:head or ae1:");
            String start = range.substring(0, colon), end = range.substring(colon + 1);
            Set<String> from = start.isEmpty() ? Set.of() : start.equals("current") ? status.heads() : g.resolveTarget(start, Set.of());
            Set<String> to = end.isEmpty() ? new LinkedHashSet<>(g.heads()) : end.equals("current") ? status.heads() : g.resolveTarget(end, Set.of());
            list = descendantsOrSelf(g, g.upgradePath(from, to), from);
        }
        List<RevisionInfo> newest = new ArrayList<>(list);
        Collections.reverse(newest);
        if (root.format == RetortCommand.Format.mermaid) {
            root.out.print(GraphText.mermaid(g, newest, current));
            return 0;
        }
        if (graph && !root.json()) {
            List<String> lanes = GraphText.lanes(newest);
            for (int i = 0; i < newest.size(); i++) {
                RevisionInfo r = newest.get(i);
                String mark = current.contains(r.id()) ? " (current)" : "";
                root.out.println(lanes.get(i) + RetortCommand.label(g, r.id()) + mark + ", " + r.message());
            }
            return 0;
        }
        if (root.json()) {
            Json.print(root.out, j -> {
                j.writeArrayFieldStart("revisions");
                for (RevisionInfo r : newest) Json.revision(j, g, r, root.cwd, indicateCurrent ? current : null);
                j.writeEndArray();
                if (indicateCurrent) Json.partial(j, partial);
            });
            return 0;
        }
        for (RevisionInfo r : newest) {
            if (verbose) RetortCommand.Show.print(root.out, g, r, root.cwd);
            else {
                String mark = current.contains(r.id()) ? " (current)" : "";
                if (partial != null && partial.revision().equals(r.id())) mark += " (failed: " + partial.progress() + " statement(s) ran)";
                root.out.println((r.parents().isEmpty() ? "<base>" : String.join(", ", r.parents())) + " -> " + RetortCommand.label(g, r.id()) + mark + ", " + r.message());
            }
        }
        return 0;
    }

    /** The revisions of {@code list} that descend from every one of {@code from} (all of them when from is base). */
    static List<RevisionInfo> descendantsOrSelf(RevisionGraph g, List<RevisionInfo> list, Set<String> from) {
        if (from.isEmpty()) return list;
        Set<String> keep = new HashSet<>(from);
        for (RevisionInfo r : g.all()) { // parents before children
            if (r.parents().stream().anyMatch(keep::contains)) keep.add(r.id());
        }
        return list.stream().filter(r -> keep.contains(r.id())).toList();
    }
}
