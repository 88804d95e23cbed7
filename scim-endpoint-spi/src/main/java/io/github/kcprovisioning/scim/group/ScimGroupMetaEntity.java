package io.github.kcprovisioning.scim.group;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * The SCIM {@code meta.version} and {@code meta.lastModified} of a group that SCIM has changed, kept beside Keycloak's
 * group row so that a membership change moves them without rewriting that row (which would evict the group from
 * Keycloak's caches). A group without a row has version 0 and Keycloak's timestamps.
 */
@Entity
@Table(name = "PROV_SCIM_GROUP_META")
@NamedQueries({
        @NamedQuery(name = "ProvScimGroupMeta.byGroups", query = "select m from ScimGroupMetaEntity m where m.groupId in :groupIds"),
        @NamedQuery(name = "ProvScimGroupMeta.deleteByGroup", query = "delete from ScimGroupMetaEntity m where m.groupId = :groupId"),
        @NamedQuery(name = "ProvScimGroupMeta.deleteByRealm", query = "delete from ScimGroupMetaEntity m where m.realmId = :realmId")
})
public class ScimGroupMetaEntity {

    @Id
    @Column(name = "GROUP_ID", length = 36)
    private String groupId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    /** Counts the SCIM changes: two within one millisecond still differ. */
    @Column(name = "VERSION", nullable = false)
    private long version;

    @Column(name = "LAST_MODIFIED", nullable = false)
    private long lastModified;

    protected ScimGroupMetaEntity() {
    }

    ScimGroupMetaEntity(String groupId, String realmId, long lastModified) {
        this.groupId = groupId;
        this.realmId = realmId;
        this.lastModified = lastModified;
    }

    public String getGroupId() {
        return groupId;
    }

    public String getRealmId() {
        return realmId;
    }

    public long getVersion() {
        return version;
    }

    public long getLastModified() {
        return lastModified;
    }

    /** One more change, now. */
    void bump(long now) {
        version++;
        lastModified = Math.max(now, lastModified);
    }
}
