package io.github.kcprovisioning.sync.admin;

import io.github.kcprovisioning.sync.outbox.OutboxEntry;

/** A change given up on, as shown to admins. */
public record DeadLetter(long seq, String operation, String userId, String groupId, String resourceName, int attempts,
                         long createdAt, Long deadAt, String error) {

    static DeadLetter of(OutboxEntry entry) {
        return new DeadLetter(entry.getSeq(), entry.getOperation().name(), entry.getUserId(), entry.getGroupId(),
                entry.getResourceName(), entry.getAttempts(), entry.getCreatedAt(), entry.getDoneAt(), entry.getLastError());
    }
}
