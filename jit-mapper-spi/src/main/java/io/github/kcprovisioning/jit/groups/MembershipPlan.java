package io.github.kcprovisioning.jit.groups;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The membership diff of one login, computed from group ids only (pure, so that the ownership rules are unit-tested):
 * <ul>
 *   <li>JIT only removes memberships JIT made ({@code owned}) and the source no longer asserts;</li>
 *   <li>a membership that exists without being owned was made by an admin or SCIM: never touched, never taken over;</li>
 *   <li>an owned membership an admin removed while the source still asserts it becomes an exclusion, so JIT does not re-add it;</li>
 *   <li>an admin re-adding an excluded membership by hand lifts the exclusion, and that membership is manual from then on.</li>
 * </ul>
 */
public record MembershipPlan(Set<String> join, Set<String> leave, Set<String> owned, Set<String> excluded) {

    /**
     * @param desired   group ids the source asserts (after filters), in this mapper's scope
     * @param members   ids of the groups the user is a direct member of now
     * @param owned     ids recorded as JIT-made memberships (in this mapper's scope, existing groups only)
     * @param excluded  ids an admin excluded the user from (in this mapper's scope, existing groups only)
     */
    public static MembershipPlan compute(Set<String> desired, Set<String> members, Set<String> owned, Set<String> excluded) {
        Set<String> join = new LinkedHashSet<>();
        Set<String> leave = new LinkedHashSet<>();
        Set<String> newOwned = new LinkedHashSet<>();
        Set<String> newExcluded = new LinkedHashSet<>();

        for (String id : owned) {
            boolean member = members.contains(id);
            boolean wanted = desired.contains(id);
            if (member && wanted) {
                newOwned.add(id);
            } else if (member) {
                leave.add(id);
            } else if (wanted) {
                newExcluded.add(id); // removed by an admin although the source still asserts it
            }
        }
        for (String id : excluded) {
            if (!members.contains(id)) {
                newExcluded.add(id); // still excluded; a member again means an admin re-added it by hand
            }
        }
        for (String id : desired) {
            if (!members.contains(id) && !newExcluded.contains(id) && !newOwned.contains(id)) {
                join.add(id);
                newOwned.add(id);
            }
        }
        return new MembershipPlan(Set.copyOf(join), Set.copyOf(leave), Set.copyOf(newOwned), Set.copyOf(newExcluded));
    }

    public boolean changesLedger(Set<String> owned, Set<String> excluded) {
        return !this.owned.equals(owned) || !this.excluded.equals(excluded);
    }
}
