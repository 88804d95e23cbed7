package io.github.kcprovisioning.sync.outbox;

/** Life cycle of one outbox row. */
public enum OutboxStatus {
    /** waiting for (re)delivery; may be leased by a drainer */
    PENDING,
    /** applied on the target (kept for the retention period, then purged) */
    DELIVERED,
    /** given up: hopeless error, too many attempts or too old; replayable by an admin */
    DEAD
}
