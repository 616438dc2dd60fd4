package dev.retort.script;

import dev.retort.api.RetortException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The revisions as a directed acyclic graph: heads, bases, ancestry, targets and the paths between states. Pure logic:
 * no files, no databases. A database state is the set of its heads (as the version table holds them).
 */
public final class RevisionGraph {
    private static final Pattern RELATIVE = Pattern.compile("^(.*?)([+-])([0-9]+)$");

    private final Map<String, RevisionInfo> byId = new LinkedHashMap<>();
    private final Map<String, List<String>> children = new HashMap<>();
    private final List<String> order;

    public RevisionGraph(Collection<RevisionInfo> revisions) {
        for (RevisionInfo r : revisions) {
            RevisionInfo prior = byId.putIfAbsent(r.id(), r);
            if (prior != null) {
                throw new RetortException("revision id " + r.id() + " is used twice: " + prior.where() + " and " + r.where());
            }
        }
        for (RevisionInfo r : byId.values()) {
            for (String p : r.parents()) {
                if (!byId.containsKey(p)) throw new RetortException(r.where() + ": parent revision " + p + " of " + r.id() + " does not exist");
                children.computeIfAbsent(p, k -> new ArrayList<>()).add(r.id());
            }
        }
        order = topologicalOrder();
    }

    public boolean isEmpty() { return byId.isEmpty(); }

    public RevisionInfo get(String id) {
        RevisionInfo r = byId.get(id);
        if (r == null) throw new RetortException("no revision " + id);
        return r;
    }

    public boolean contains(String id) { return byId.containsKey(id); }

    /** Every revision, parents before children (ties by creation time, then id). */
    public List<RevisionInfo> all() { return order.stream().map(byId::get).toList(); }

    public List<String> heads() {
        return order.stream().filter(id -> children.getOrDefault(id, List.of()).isEmpty()).toList();
    }

    public List<String> bases() {
        return order.stream().filter(id -> byId.get(id).parents().isEmpty()).toList();
    }

    private List<String> topologicalOrder() {
        Map<String, Integer> pending = new HashMap<>();
        Comparator<String> tie = Comparator.comparing((String id) -> byId.get(id).created()).thenComparing(id -> id);
        TreeSet<String> ready = new TreeSet<>(tie);
        for (RevisionInfo r : byId.values()) {
            pending.put(r.id(), r.parents().size());
            if (r.parents().isEmpty()) ready.add(r.id());
        }
        List<String> out = new ArrayList<>();
        while (!ready.isEmpty()) {
            String id = ready.pollFirst();
            out.add(id);
            for (String c : children.getOrDefault(id, List.of())) {
                if (pending.merge(c, -1, Integer::sum) == 0) ready.add(c);
            }
        }
        if (out.size() < byId.size()) {
            List<String> stuck = byId.keySet().stream().filter(id -> !out.contains(id)).sorted().toList();
            throw new RetortException("revisions form a cycle: " + String.join(", ", stuck));
        }
        return out;
    }

    /** The revision itself and everything it descends from. */
    public Set<String> ancestorsOrSelf(Collection<String> ids) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(ids);
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (seen.add(id)) todo.addAll(get(id).parents());
        }
        return seen;
    }

    /** The heads of an applied set: its members that are no other member's ancestor. */
    public List<String> headsOf(Set<String> applied) {
        Set<String> inner = new HashSet<>();
        for (String id : applied) for (String p : get(id).parents()) inner.addAll(ancestorsOrSelf(List.of(p)));
        return order.stream().filter(id -> applied.contains(id) && !inner.contains(id)).toList();
    }

    /** A full id or a unique prefix of one. */
    public String resolveId(String ref) {
        if (byId.containsKey(ref)) return ref;
        List<String> matches = byId.keySet().stream().filter(id -> id.startsWith(ref)).sorted().toList();
        if (matches.isEmpty()) throw new RetortException("no revision matches '" + ref + "'");
        if (matches.size() > 1) {
            throw new RetortException("revision prefix '" + ref + "' is ambiguous: it matches " + String.join(", ", matches));
        }
        return matches.get(0);
    }

    /** The single head, or an error naming all of them. */
    public String singleHead() {
        List<String> heads = heads();
        if (heads.isEmpty()) throw new RetortException("there are no revisions yet: create one with 'retort revision -m MESSAGE'");
        if (heads.size() > 1) {
            throw new RetortException("multiple heads: " + String.join(", ", heads)
                    + "; upgrade to 'heads', or join them with 'retort merge -m MESSAGE'");
        }
        return heads.get(0);
    }

    /**
     * A target as a set of heads: "head", "heads", "base" (empty), an id or unique prefix, or a relative step from
     * one of those or from the current state: "+2", "-1", "head-1", "ae10+1".
     */
    public Set<String> resolveTarget(String target, Set<String> current) {
        String t = target.trim();
        Matcher m = RELATIVE.matcher(t);
        if (m.matches()) {
            String anchor = m.group(1);
            int steps = Integer.parseInt(m.group(3));
            Set<String> from = anchor.isEmpty() ? current : resolveTarget(anchor, current);
            return m.group(2).equals("+") ? stepUp(from, steps, target) : stepDown(from, steps, target);
        }
        return switch (t) {
            case "head" -> Set.of(singleHead());
            case "heads" -> new LinkedHashSet<>(heads());
            case "base" -> Set.of();
            default -> Set.of(resolveId(t));
        };
    }

    private Set<String> stepUp(Set<String> from, int steps, String target) {
        if (from.size() > 1) throw new RetortException("relative target '" + target + "' is ambiguous: the database has several heads " + from);
        String at = from.isEmpty() ? null : from.iterator().next();
        for (int i = 0; i < steps; i++) {
            List<String> next = at == null ? bases() : children.getOrDefault(at, List.of());
            if (next.isEmpty()) throw new RetortException("relative target '" + target + "' goes past the head " + (at == null ? "" : at));
            if (next.size() > 1) throw new RetortException("relative target '" + target + "' is ambiguous: " + (at == null ? "base" : at) + " branches to " + String.join(", ", next));
            at = next.get(0);
        }
        return at == null ? Set.of() : Set.of(at);
    }

    private Set<String> stepDown(Set<String> from, int steps, String target) {
        if (from.size() > 1) throw new RetortException("relative target '" + target + "' is ambiguous: the database has several heads " + from);
        if (from.isEmpty()) throw new RetortException("relative target '" + target + "' goes below base");
        String at = from.iterator().next();
        for (int i = 0; i < steps; i++) {
            if (at == null) throw new RetortException("relative target '" + target + "' goes below base");
            List<String> parents = get(at).parents();
            if (parents.size() > 1) throw new RetortException("relative target '" + target + "' is ambiguous: " + at + " merges " + String.join(", ", parents));
            at = parents.isEmpty() ? null : parents.get(0);
        }
        return at == null ? Set.of() : Set.of(at);
    }

    /** The revisions to apply, in order, to go from the current heads to include the target heads. */
    public List<RevisionInfo> upgradePath(Set<String> current, Set<String> target) {
        Set<String> have = ancestorsOrSelf(current);
        Set<String> want = ancestorsOrSelf(target);
        return order.stream().filter(id -> want.contains(id) && !have.contains(id)).map(byId::get).toList();
    }

    /** The revisions to undo, in order, to go from the current heads down to the target heads. */
    public List<RevisionInfo> downgradePath(Set<String> current, Set<String> target) {
        Set<String> have = ancestorsOrSelf(current);
        Set<String> keep = ancestorsOrSelf(target);
        List<RevisionInfo> out = new ArrayList<>();
        for (int i = order.size() - 1; i >= 0; i--) {
            String id = order.get(i);
            if (have.contains(id) && !keep.contains(id)) out.add(byId.get(id));
        }
        return out;
    }
}
