package dev.retort.runtime;

import dev.retort.script.RevisionGraph;
import dev.retort.script.RevisionInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The heads after each step agree with recomputing them from the applied set, on branches and merges. */
class NextHeadsTest {
    // a1 - b2 - c3 - m4
    //        \- x3 -/
    final RevisionGraph g = new RevisionGraph(List.of(RevisionInfo.of("a1"), RevisionInfo.of("b2", "a1"), RevisionInfo.of("c3", "b2"),
            RevisionInfo.of("x3", "b2"), RevisionInfo.of("m4", "c3", "x3")));

    Set<String> step(Set<String> heads, String id, boolean up) { return Migrator.nextHeads(g, heads, g.get(id), up); }

    @Test
    void upgradeStepsReplaceParents() {
        assertThat(step(Set.of(), "a1", true)).containsExactly("a1");
        assertThat(step(Set.of("c3"), "x3", true)).containsExactlyInAnyOrder("c3", "x3");
        assertThat(step(Set.of("c3", "x3"), "m4", true)).containsExactly("m4");
    }

    @Test
    void downgradeStepsBringBackUncoveredParents() {
        assertThat(step(Set.of("m4"), "m4", false)).containsExactlyInAnyOrder("c3", "x3");
        assertThat(step(Set.of("c3", "x3"), "x3", false)).containsExactly("c3");
        assertThat(step(Set.of("c3"), "c3", false)).containsExactly("b2");
        assertThat(step(Set.of("a1"), "a1", false)).isEmpty();
    }

    @Test
    void everyPathAgreesWithTheHeadsOfTheAppliedSet() {
        Set<String> heads = Set.of();
        for (RevisionInfo r : g.upgradePath(Set.of(), Set.of("m4"))) {
            heads = step(heads, r.id(), true);
            assertThat(heads).containsExactlyInAnyOrderElementsOf(g.headsOf(g.ancestorsOrSelf(heads)));
        }
        for (RevisionInfo r : g.downgradePath(Set.of("m4"), Set.of())) {
            heads = step(heads, r.id(), false);
            assertThat(heads).containsExactlyInAnyOrderElementsOf(heads.isEmpty() ? List.of() : g.headsOf(g.ancestorsOrSelf(heads)));
        }
        assertThat(heads).isEmpty();
    }
}
