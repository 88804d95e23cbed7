package io.github.kcprovisioning.sync.outbox;

/**
 * What a row asks the target to do. Upserts carry no payload: the drainer reads the current state at delivery time,
 * so a retried or replayed row never pushes stale data, and a user deleted meanwhile is simply skipped.
 */
public enum Operation {
    USER_UPSERT(ResourceKind.USER),
    USER_DELETE(ResourceKind.USER),
    GROUP_UPSERT(ResourceKind.GROUP),
    GROUP_DELETE(ResourceKind.GROUP),
    MEMBER_ADD(ResourceKind.USER),
    MEMBER_REMOVE(ResourceKind.USER);

    private final ResourceKind orderedBy;

    Operation(ResourceKind orderedBy) {
        this.orderedBy = orderedBy;
    }

    /**
     * Membership rows are ordered with the user's own rows: "user leaves scope" must not overtake the membership change
     * that caused it. They also wait for older pending rows of their group (see {@link OutboxRepository#claimDue}).
     */
    public ResourceKind orderedBy() {
        return orderedBy;
    }
}
