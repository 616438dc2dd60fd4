package dev.retort.cli;

import dev.retort.script.RevisionGraph;
import dev.retort.script.RevisionInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The revision graph as text: lanes beside {@code history --graph}, and a Mermaid diagram for {@code --format mermaid}. */
final class GraphText {
    private GraphText() {}

    /**
     * For each revision, newest first, the lanes to print before it: one column per open line of descent, {@code *}
     * where the revision is, {@code |} for the others, and {@code M} for a merge (git's log --graph, reduced).
     */
    static List<String> lanes(List<RevisionInfo> newestFirst) {
        List<String> open = new ArrayList<>(); // the revision each column waits for
        List<String> out = new ArrayList<>();
        for (RevisionInfo r : newestFirst) {
            int col = open.indexOf(r.id());
            if (col < 0) {
                open.add(r.id());
                col = open.size() - 1;
            }
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < open.size(); i++) {
                if (i == col) b.append(r.parents().size() > 1 ? 'M' : '*');
                else b.append(open.get(i) == null ? ' ' : '|');
                b.append(' ');
            }
            out.add(b.toString());
            // this column now waits for the first parent; further parents open columns (or join one waiting already)
            List<String> parents = r.parents();
            open.set(col, parents.isEmpty() || open.contains(parents.get(0)) ? null : parents.get(0));
            for (int k = 1; k < parents.size(); k++) if (!open.contains(parents.get(k))) open.add(parents.get(k));
            while (!open.isEmpty() && open.get(open.size() - 1) == null) open.remove(open.size() - 1);
        }
        return out;
    }

    /** A Mermaid flowchart, oldest at the top: a node per revision (heads and current ones marked), an edge per parent. */
    static String mermaid(RevisionGraph g, List<RevisionInfo> newestFirst, Set<String> current) {
        StringBuilder b = new StringBuilder("flowchart TD\n");
        List<RevisionInfo> oldest = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(oldest);
        for (RevisionInfo r : oldest) {
            String label = r.id() + (g.heads().contains(r.id()) ? " (head)" : "") + (current.contains(r.id()) ? " (current)" : "")
                    + (r.message().isEmpty() ? "" : "<br/>" + r.message());
            b.append("    ").append(node(r.id())).append("[\"").append(label.replace("\"", "#quot;")).append("\"]\n");
        }
        for (RevisionInfo r : oldest) {
            for (String p : r.parents()) b.append("    ").append(node(p)).append(" --> ").append(node(r.id())).append('\n');
            for (String d : r.dependsOn()) b.append("    ").append(node(g.labelled(d).orElse(d))).append(" -.-> ").append(node(r.id())).append('\n');
        }
        return b.toString();
    }

    private static String node(String id) { return "r_" + id; }
}
