package io.github.kcprovisioning.sync.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Local user/group id ↔ id of the same resource on one target. */
@Entity
@Table(name = "PROV_REMOTE_LINK")
public class RemoteLink {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "TARGET_ID", nullable = false, length = 36)
    private String targetId;

    @Column(name = "RESOURCE_TYPE", nullable = false, length = 1)
    private String resourceType;

    @Column(name = "LOCAL_ID", nullable = false, length = 36)
    private String localId;

    @Column(name = "REMOTE_ID", nullable = false, length = 255)
    private String remoteId;

    /** true when we POSTed it (reconcile only deprovisions what we created), false when we adopted an existing one */
    @Column(name = "CREATED_BY_US", nullable = false)
    private boolean createdByUs;

    protected RemoteLink() {
    }

    public RemoteLink(String id, String targetId, ResourceKind kind, String localId, String remoteId, boolean createdByUs) {
        this.id = id;
        this.targetId = targetId;
        this.resourceType = kind.code();
        this.localId = localId;
        this.remoteId = remoteId;
        this.createdByUs = createdByUs;
    }

    public String getTargetId() { return targetId; }
    public String getLocalId() { return localId; }
    public String getRemoteId() { return remoteId; }
    public boolean isCreatedByUs() { return createdByUs; }

    public void setRemoteId(String remoteId) {
        this.remoteId = remoteId;
    }
}
