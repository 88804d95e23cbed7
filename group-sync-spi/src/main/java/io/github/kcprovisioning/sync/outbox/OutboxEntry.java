package io.github.kcprovisioning.sync.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One change to deliver to one target. Written in the transaction of the change; {@code SEQ} (identity) gives the
 * per-resource delivery order.
 */
@Entity
@Table(name = "PROV_OUTBOX")
public class OutboxEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "SEQ")
    private Long seq;

    @Column(name = "REALM_ID", nullable = false, length = 36)
    private String realmId;

    @Column(name = "TARGET_ID", nullable = false, length = 36)
    private String targetId;

    @Column(name = "RESOURCE_KEY", nullable = false, length = 40)
    private String resourceKey;

    @Enumerated(EnumType.STRING)
    @Column(name = "OPERATION", nullable = false, length = 20)
    private Operation operation;

    @Column(name = "USER_ID", length = 36)
    private String userId;

    @Column(name = "GROUP_ID", length = 36)
    private String groupId;

    /** userName or group name at capture time: a delete can no longer read it from the model */
    @Column(name = "RESOURCE_NAME", length = 255)
    private String resourceName;

    @Enumerated(EnumType.STRING)
    @Column(name = "STATUS", nullable = false, length = 10)
    private OutboxStatus status;

    @Column(name = "ATTEMPTS", nullable = false)
    private int attempts;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "NEXT_ATTEMPT_AT", nullable = false)
    private long nextAttemptAt;

    @Column(name = "LEASE_OWNER", length = 36)
    private String leaseOwner;

    @Column(name = "LEASE_UNTIL", nullable = false)
    private long leaseUntil;

    @Column(name = "DONE_AT")
    private Long doneAt;

    @Column(name = "LAST_ERROR", length = 1000)
    private String lastError;

    protected OutboxEntry() {
    }

    public OutboxEntry(String realmId, String targetId, Operation operation, String userId, String groupId, String resourceName,
                       long now) {
        this.realmId = realmId;
        this.targetId = targetId;
        this.operation = operation;
        this.userId = userId;
        this.groupId = groupId;
        this.resourceName = resourceName;
        this.resourceKey = operation.orderedBy().key(operation.orderedBy() == ResourceKind.USER ? userId : groupId);
        this.status = OutboxStatus.PENDING;
        this.createdAt = now;
        this.nextAttemptAt = now;
    }

    public Long getSeq() { return seq; }
    public String getRealmId() { return realmId; }
    public String getTargetId() { return targetId; }
    public Operation getOperation() { return operation; }
    public String getUserId() { return userId; }
    public String getGroupId() { return groupId; }
    public String getResourceName() { return resourceName; }
    public OutboxStatus getStatus() { return status; }
    public int getAttempts() { return attempts; }
    public long getCreatedAt() { return createdAt; }
    public Long getDoneAt() { return doneAt; }
    public String getLastError() { return lastError; }
    public String getLeaseOwner() { return leaseOwner; }
    public long getLeaseUntil() { return leaseUntil; }
}
