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
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * The revisions as a directed acyclic graph: heads, bases, ancestry, targets and the paths between states. Pure logic:
 * no files, no databases. A database state is the set of its heads (as the version table holds them).
 */
public final class RevisionGraph {
    private static final Pattern RELATIVE = Pattern.compile("^(.*?)([+-])([0-9]+)$");

    private final Map<String, RevisionInfo> byId = new LinkedHashMap<>();
    private final Map<String, List<String>> children = new HashMap<>();
    /** Revisions that depend on a revision without descending from it ({@code dependsOn}), by the revision. */
    private final Map<String, List<String>> dependents = new HashMap<>();
    private final Map<String, String> labels = new HashMap<>();
    /** Each revision's dependencies as ids (branch labels resolved). */
    private final Map<String, List<String>> depends = new HashMap<>();
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
            for (String label : r.branchLabels()) {
                String prior = labels.putIfAbsent(label, r.id());
                if (prior != null) throw new RetortException(r.where() + ": branch label '" + label + "' is also on revision " + prior);
                if (byId.containsKey(label)) throw new RetortException(r.where() + ": branch label '" + label + "' is a revision id");
            }
        }
        for (RevisionInfo r : byId.values()) {
            List<String> ids = new ArrayList<>();
            for (String d : r.dependsOn()) {
                String id = labels.containsKey(d) ? labels.get(d) : byId.containsKey(d) ? d : null;
                if (id == null) throw new RetortException(r.where() + ": revision " + r.id() + " depends on " + d + ", which is no revision id or branch label");
                ids.add(id);
                dependents.computeIfAbsent(id, k -> new ArrayList<>()).add(r.id());
            }
            depends.put(r.id(), ids);
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
            pending.put(r.id(), r.parents().size() + depends.get(r.id()).size());
            if (pending.get(r.id()) == 0) ready.add(r.id());
        }
        List<String> out = new ArrayList<>();
        while (!ready.isEmpty()) {
            String id = ready.pollFirst();
            out.add(id);
            for (String c : children.getOrDefault(id, List.of())) {
                if (pending.merge(c, -1, Integer::sum) == 0) ready.add(c);
            }
            for (String c : dependents.getOrDefault(id, List.of())) {
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

    /** The revisions themselves, their ancestors, and what they depend on, transitively: what must be applied with them. */
    public Set<String> requires(Collection<String> ids) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(ids);
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (seen.add(id)) {
                todo.addAll(get(id).parents());
                todo.addAll(depends.getOrDefault(id, List.of()));
            }
        }
        return seen;
    }

    /** The revision a branch label is on. */
    public Optional<String> labelled(String label) { return Optional.ofNullable(labels.get(label)); }

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
        int at = t.indexOf('@');
        if (at > 0) return onBranch(t.substring(0, at), t.substring(at + 1), current, target);
        if (labels.containsKey(t)) return onBranch(t, "head", current, target);
        Matcher m = RELATIVE.matcher(t);
        if (m.matches()) {
            String anchor = m.group(1);
            int steps = relativeSteps(m, target);
            Set<String> from = anchor.isEmpty() ? current : resolveTarget(anchor, current);
            return m.group(2).equals("+") ? stepUp(from, steps, target, null) : stepDown(from, steps, target);
        }
        return switch (t) {
            case "head" -> Set.of(singleHead());
            case "heads" -> new LinkedHashSet<>(heads());
            case "base" -> Set.of();
            default -> Set.of(resolveId(t));
        };
    }

    /**
     * A target on the branch a label names ({@code billing@head}, {@code billing@-1}, {@code billing@ID}): the branch is
     * the labelled revision with its ancestors and descendants. The other branches' heads stay in the state it gives.
     */
    private Set<String> onBranch(String label, String where, Set<String> current, String target) {
        String r = labels.get(label);
        if (r == null) {
            throw new RetortException("'" + target + "': no branch label '" + label + "'" + (labels.isEmpty() ? " (no revision has one)"
                    : " (labels: " + String.join(", ", new TreeSet<>(labels.keySet())) + ")"));
        }
        Set<String> below = descendantsOrSelf(r);
        Set<String> branch = new HashSet<>(below);
        branch.addAll(ancestorsOrSelf(List.of(r)));
        Set<String> out = new LinkedHashSet<>();
        Set<String> mine = new LinkedHashSet<>();
        for (String h : current) (branch.contains(h) ? mine : out).add(h);
        Matcher m = RELATIVE.matcher(where);
        if (where.equals("head")) {
            List<String> tips = heads().stream().filter(below::contains).toList();
            if (tips.size() > 1) throw new RetortException("'" + target + "' is ambiguous: branch " + label + " has heads " + String.join(", ", tips));
            out.addAll(tips);
        } else if (m.matches() && m.group(1).isEmpty()) {
            int steps = relativeSteps(m, target);
            out.addAll(m.group(2).equals("+") ? stepUp(mine, steps, target, branch) : stepDown(mine, steps, target));
        } else {
            String id = resolveId(where);
            if (!branch.contains(id)) throw new RetortException("'" + target + "': revision " + id + " is not on branch " + label);
            out.add(id);
        }
        return out;
    }

    /** The steps of a relative target ("-2", "head+1"), refused when it moves nowhere or is malformed ("head+-1"). */
    private static int relativeSteps(Matcher m, String target) {
        if (m.group(1).endsWith("+") || m.group(1).endsWith("-")) {
            throw new RetortException("malformed relative target '" + target + "': write REV+N or REV-N, one sign");
        }
        int steps;
        try {
            steps = Integer.parseInt(m.group(3));
        } catch (NumberFormatException e) {
            throw new RetortException("relative target '" + target + "' is too large");
        }
        if (steps == 0) throw new RetortException("relative target '" + target + "' moves nowhere: give a number of revisions from 1");
        return steps;
    }

    private Set<String> descendantsOrSelf(String id) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(id));
        while (!todo.isEmpty()) {
            String x = todo.pop();
            if (seen.add(x)) todo.addAll(children.getOrDefault(x, List.of()));
        }
        return seen;
    }

    /** {@code within}: the revisions a step may go to (a branch), or null for any. */
    private Set<String> stepUp(Set<String> from, int steps, String target, Set<String> within) {
        if (from.size() > 1) throw new RetortException("relative target '" + target + "' is ambiguous: the database has several heads " + from);
        String at = from.isEmpty() ? null : from.iterator().next();
        for (int i = 0; i < steps; i++) {
            List<String> next = (at == null ? bases() : children.getOrDefault(at, List.of())).stream()
                    .filter(x -> within == null || within.contains(x)).toList();
            if (next.isEmpty()) throw new RetortException("relative target '" + target + "' goes past the head " + (at == null ? "" : at));
            if (next.size() > 1) throw new RetortException("relative target '" + target + "' is ambiguous: " + (at == null ? "base" : at) + " branches to " + String.join(", ", next));
            at = next.get(0);
        }
        return at == null ? Set.of() : Set.of(at);
    }

    /**
     * Undoes {@code steps} revisions from the state {@code from}: each step undoes one head, and a merge's parents all
     * become heads. Where several heads could be undone next (after a merge, or on a database with several heads),
     * the newest is taken, with a warning, as Alembic does.
     */
    private Set<String> stepDown(Set<String> from, int steps, String target) {
        if (from.isEmpty()) throw new RetortException("relative target '" + target + "' goes below base");
        Set<String> heads = new LinkedHashSet<>(from);
        for (int i = 0; i < steps; i++) {
            if (heads.isEmpty()) throw new RetortException("relative target '" + target + "' goes below base");
            String undo = heads.size() == 1 ? heads.iterator().next() : order.stream().filter(heads::contains).reduce((a, b) -> b).orElseThrow();
            if (heads.size() > 1) {
                LoggerFactory.getLogger("dev.retort").warn("'{}': several heads could be undone next ({}); taking the newest, {}", target,
                        String.join(", ", heads), undo);
            }
            heads.remove(undo);
            for (String p : get(undo).parents()) {
                boolean covered = heads.stream().anyMatch(h -> ancestorsOrSelf(List.of(h)).contains(p));
                if (!covered) heads.add(p);
            }
        }
        return heads;
    }

    /** The revisions to apply, in order, to go from the current heads to include the target heads. */
    public List<RevisionInfo> upgradePath(Set<String> current, Set<String> target) {
        Set<String> have = requires(current);
        Set<String> want = requires(target);
        return order.stream().filter(id -> want.contains(id) && !have.contains(id)).map(byId::get).toList();
    }

    /** The revisions to undo, in order, to go from the current heads down to the target heads. */
    public List<RevisionInfo> downgradePath(Set<String> current, Set<String> target) {
        Set<String> have = requires(current);
        // closed under parents and dependencies: a revision that stays keeps everything it needs, so what goes is
        // exactly what the current state has beyond it (dependents of what goes go with it)
        Set<String> keep = requires(target);
        List<RevisionInfo> out = new ArrayList<>();
        for (int i = order.size() - 1; i >= 0; i--) {
            String id = order.get(i);
            if (have.contains(id) && !keep.contains(id)) out.add(byId.get(id));
        }
        return out;
    }
}
