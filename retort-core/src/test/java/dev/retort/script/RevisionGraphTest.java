package dev.retort.script;

import dev.retort.api.RetortException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RevisionGraphTest {
    static RevisionGraph graph(RevisionInfo... r) { return new RevisionGraph(List.of(r)); }

    static List<String> ids(List<RevisionInfo> l) { return l.stream().map(RevisionInfo::id).toList(); }

    final RevisionGraph linear = graph(RevisionInfo.of("a1"), RevisionInfo.of("b2", "a1"), RevisionInfo.of("c3", "b2"), RevisionInfo.of("d4", "c3"));

    // a1 - b2 - c3 (branch one)
    //        \- x3 (branch two)   and m4 merges c3 and x3
    final RevisionGraph branched = graph(RevisionInfo.of("a1"), RevisionInfo.of("b2", "a1"), RevisionInfo.of("c3", "b2"), RevisionInfo.of("x3", "b2"));
    final RevisionGraph merged = graph(RevisionInfo.of("a1"), RevisionInfo.of("b2", "a1"), RevisionInfo.of("c3", "b2"), RevisionInfo.of("x3", "b2"),
            RevisionInfo.of("m4", "c3", "x3"));

    @Test
    void linearHistoryHasOneHeadAndOneBase() {
        assertThat(linear.heads()).containsExactly("d4");
        assertThat(linear.bases()).containsExactly("a1");
        assertThat(ids(linear.all())).containsExactly("a1", "b2", "c3", "d4");
    }

    @Test
    void upgradeFromBaseToHeadAppliesEveryRevisionInOrder() {
        assertThat(ids(linear.upgradePath(Set.of(), linear.resolveTarget("head", Set.of())))).containsExactly("a1", "b2", "c3", "d4");
        assertThat(ids(linear.upgradePath(Set.of("b2"), Set.of("d4")))).containsExactly("c3", "d4");
        assertThat(linear.upgradePath(Set.of("d4"), Set.of("b2"))).isEmpty();
    }

    @Test
    void downgradeUndoesNewestFirst() {
        assertThat(ids(linear.downgradePath(Set.of("d4"), Set.of("b2")))).containsExactly("d4", "c3");
        assertThat(ids(linear.downgradePath(Set.of("d4"), linear.resolveTarget("base", Set.of("d4"))))).containsExactly("d4", "c3", "b2", "a1");
    }

    @Test
    void relativeTargets() {
        assertThat(linear.resolveTarget("+2", Set.of("a1"))).containsExactly("c3");
        assertThat(linear.resolveTarget("+1", Set.of())).containsExactly("a1");
        assertThat(linear.resolveTarget("-1", Set.of("c3"))).containsExactly("b2");
        assertThat(linear.resolveTarget("-3", Set.of("c3"))).isEmpty();
        assertThat(linear.resolveTarget("head-2", Set.of())).containsExactly("b2");
        assertThat(linear.resolveTarget("b2+1", Set.of())).containsExactly("c3");
        assertThatThrownBy(() -> linear.resolveTarget("+5", Set.of("c3"))).hasMessageContaining("goes past the head");
        assertThatThrownBy(() -> linear.resolveTarget("-4", Set.of("c3"))).hasMessageContaining("goes below base");
    }

    @Test
    void prefixesResolveWhenUnique() {
        RevisionGraph g = graph(RevisionInfo.of("ae1027a6acf"), RevisionInfo.of("ae10b4c", "ae1027a6acf"), RevisionInfo.of("1975ea83b712", "ae10b4c"));
        assertThat(g.resolveId("1975")).isEqualTo("1975ea83b712");
        assertThat(g.resolveId("ae102")).isEqualTo("ae1027a6acf");
        assertThatThrownBy(() -> g.resolveId("ae10")).isInstanceOf(RetortException.class)
                .hasMessage("revision prefix 'ae10' is ambiguous: it matches ae1027a6acf, ae10b4c");
        assertThatThrownBy(() -> g.resolveId("zz")).hasMessage("no revision matches 'zz'");
    }

    @Test
    void branchesGiveTwoHeadsAndHeadIsAmbiguous() {
        assertThat(branched.heads()).containsExactlyInAnyOrder("c3", "x3");
        assertThatThrownBy(() -> branched.resolveTarget("head", Set.of())).hasMessageContaining("multiple heads: c3, x3")
                .hasMessageContaining("retort merge");
        assertThat(ids(branched.upgradePath(Set.of(), branched.resolveTarget("heads", Set.of())))).containsExactly("a1", "b2", "c3", "x3");
        assertThat(ids(branched.upgradePath(Set.of("c3"), Set.of("x3")))).containsExactly("x3");
        assertThatThrownBy(() -> branched.resolveTarget("+1", Set.of("b2"))).hasMessageContaining("branches to c3, x3");
    }

    @Test
    void headsOfAnAppliedSetAreItsMaximalMembers() {
        assertThat(branched.headsOf(Set.of("a1", "b2", "c3", "x3"))).containsExactly("c3", "x3");
        assertThat(merged.headsOf(Set.of("a1", "b2", "c3", "x3", "m4"))).containsExactly("m4");
        assertThat(merged.headsOf(Set.of("a1", "b2"))).containsExactly("b2");
    }

    @Test
    void mergeJoinsBranches() {
        assertThat(merged.heads()).containsExactly("m4");
        assertThat(ids(merged.upgradePath(Set.of("c3"), Set.of("m4")))).containsExactly("x3", "m4");
        assertThat(ids(merged.downgradePath(Set.of("m4"), Set.of("c3")))).containsExactly("m4", "x3");
        // one step down from a merge undoes the merge: both its parents are heads again; a second step takes the newest
        assertThat(merged.resolveTarget("-1", Set.of("m4"))).containsExactlyInAnyOrder("c3", "x3");
        assertThat(merged.resolveTarget("-2", Set.of("m4"))).containsExactly("c3");
        assertThat(ids(merged.downgradePath(Set.of("m4"), merged.resolveTarget("-2", Set.of("m4"))))).containsExactly("m4", "x3");
    }

    static RevisionInfo labelled(String id, List<String> labels, List<String> depends, String... parents) {
        return RevisionInfo.of(id, parents).with(labels, depends);
    }

    // a1 - b2 (main)           and a billing branch from its own base: p1 - p2, where p2 depends on b2
    final RevisionGraph labels = graph(labelled("a1", List.of("main"), List.of()), RevisionInfo.of("b2", "a1"),
            labelled("p1", List.of("billing"), List.of()), labelled("p2", List.of(), List.of("main"), "p1"));

    @Test
    void branchLabelsNameTheirBranchInTargets() {
        assertThat(labels.heads()).containsExactlyInAnyOrder("b2", "p2");
        assertThat(labels.resolveTarget("billing@head", Set.of())).containsExactly("p2");
        assertThat(labels.resolveTarget("billing", Set.of("b2"))).containsExactly("b2", "p2");
        // a step on one branch keeps the other branch's head
        assertThat(labels.resolveTarget("billing@-1", Set.of("b2", "p2"))).containsExactly("b2", "p1");
        assertThat(labels.resolveTarget("billing@+1", Set.of("b2"))).containsExactly("b2", "p1");
        assertThat(labels.resolveTarget("main@a1", Set.of("b2", "p2"))).containsExactly("p2", "a1");
        assertThatThrownBy(() -> labels.resolveTarget("shop@head", Set.of())).hasMessage("'shop@head': no branch label 'shop' (labels: billing, main)");
        assertThatThrownBy(() -> labels.resolveTarget("billing@a1", Set.of())).hasMessage("'billing@a1': revision a1 is not on branch billing");
    }

    @Test
    void dependsOnPullsItsDependencyInAndTakesItsDependentOut() {
        // p2 depends on main (a1): upgrading the billing branch applies a1 too, in order, but not b2
        assertThat(ids(labels.upgradePath(Set.of(), labels.resolveTarget("billing@head", Set.of())))).containsExactly("a1", "p1", "p2");
        // undoing main below a1 undoes p2, which depends on it, and keeps p1
        assertThat(ids(labels.downgradePath(Set.of("b2", "p2"), Set.of("p1")))).containsExactly("p2", "b2", "a1");
        assertThatThrownBy(() -> graph(RevisionInfo.of("a1"), labelled("b2", List.of(), List.of("nope"), "a1")))
                .hasMessage("revision b2: revision b2 depends on nope, which is no revision id or branch label");
        assertThatThrownBy(() -> graph(labelled("a1", List.of("x"), List.of()), labelled("b2", List.of("x"), List.of(), "a1")))
                .hasMessage("revision b2: branch label 'x' is also on revision a1");
    }

    @Test
    void cycleIsRejected() {
        assertThatThrownBy(() -> graph(RevisionInfo.of("a1"), RevisionInfo.of("b2", "a1", "c3"), RevisionInfo.of("c3", "b2")))
                .isInstanceOf(RetortException.class).hasMessage("revisions form a cycle: b2, c3");
    }

    @Test
    void missingParentIsRejected() {
        assertThatThrownBy(() -> graph(RevisionInfo.of("a1"), RevisionInfo.of("b2", "zz9")))
                .hasMessage("revision b2: parent revision zz9 of b2 does not exist");
    }

    @Test
    void duplicateIdsAreRejected() {
        assertThatThrownBy(() -> graph(RevisionInfo.of("a1"), RevisionInfo.of("a1")))
                .hasMessage("revision id a1 is used twice: revision a1 and revision a1");
    }
}
