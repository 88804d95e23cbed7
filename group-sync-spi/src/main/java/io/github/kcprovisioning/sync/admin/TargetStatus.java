package io.github.kcprovisioning.sync.admin;

/** What an admin sees of one target's queue. Never carries configuration (secrets stay in the component). */
public record TargetStatus(String id, String name, String type, boolean enabled, long pending, Long oldestPendingAgeSeconds,
                           long deadLetters, long deliveredRecently, String lastError, Long lastErrorSeq) {
}
