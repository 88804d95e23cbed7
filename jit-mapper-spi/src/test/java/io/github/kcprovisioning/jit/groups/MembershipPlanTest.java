package io.github.kcprovisioning.jit.groups;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MembershipPlanTest {

    @Test
    void firstLoginJoinsAndOwnsEverythingAsserted() {
        MembershipPlan plan = MembershipPlan.compute(Set.of("a", "b"), Set.of(), Set.of(), Set.of());
        assertEquals(Set.of("a", "b"), plan.join());
        assertEquals(Set.of("a", "b"), plan.owned());
    }

    @Test
    void onlyOwnedMembershipsThatAreNoLongerAssertedAreRemoved() {
        MembershipPlan plan = MembershipPlan.compute(Set.of("a"), Set.of("a", "b", "manual"), Set.of("a", "b"), Set.of());
        assertEquals(Set.of("b"), plan.leave());
        assertEquals(Set.of("a"), plan.owned());
        assertEquals(Set.of(), plan.join());
    }

    @Test
    void anExistingManualMembershipIsNeitherTakenOverNorRemoved() {
        MembershipPlan plan = MembershipPlan.compute(Set.of("m"), Set.of("m"), Set.of(), Set.of());
        assertEquals(Set.of(), plan.join());
        assertEquals(Set.of(), plan.owned());
        MembershipPlan later = MembershipPlan.compute(Set.of(), Set.of("m"), plan.owned(), plan.excluded());
        assertEquals(Set.of(), later.leave());
    }

    @Test
    void anAdminRemovalOfAnAssertedGroupBecomesAStickyExclusion() {
        MembershipPlan plan = MembershipPlan.compute(Set.of("a"), Set.of(), Set.of("a"), Set.of());
        assertEquals(Set.of(), plan.join());
        assertEquals(Set.of("a"), plan.excluded());
        MembershipPlan next = MembershipPlan.compute(Set.of("a"), Set.of(), plan.owned(), plan.excluded());
        assertEquals(Set.of(), next.join());
        assertEquals(Set.of("a"), next.excluded());
    }

    @Test
    void anAdminReAddingAnExcludedGroupLiftsTheExclusionAndTheMembershipStaysManual() {
        MembershipPlan plan = MembershipPlan.compute(Set.of(), Set.of("a"), Set.of(), Set.of("a"));
        assertEquals(Set.of(), plan.excluded());
        assertEquals(Set.of(), plan.owned());
        assertEquals(Set.of(), plan.leave());
    }

    @Test
    void anOwnedGroupAnAdminRemovedAndTheSourceDroppedIsSimplyForgotten() {
        MembershipPlan plan = MembershipPlan.compute(Set.of(), Set.of(), Set.of("a"), Set.of());
        assertEquals(Set.of(), plan.owned());
        assertEquals(Set.of(), plan.excluded());
        assertEquals(Set.of(), plan.leave());
    }
}
