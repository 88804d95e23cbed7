package io.github.kcprovisioning.scim.group;

import java.util.List;

/**
 * What a SCIM group is rendered from.
 *
 * @param version               number of SCIM changes ({@link ScimGroupMetaEntity}), 0 for a group SCIM has not changed
 * @param lastModifiedTimestamp of the last SCIM change, else Keycloak's
 * @param members               direct user members and sub-groups, {@code null} when not loaded ({@code excludedAttributes=members})
 */
record GroupSnapshot(String id, String name, String externalId, Long createdTimestamp, Long lastModifiedTimestamp, long version,
                     List<Member> members) {

    record Member(String id, String display, boolean group) {
    }
}
