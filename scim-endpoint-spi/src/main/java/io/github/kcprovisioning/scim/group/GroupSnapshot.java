package io.github.kcprovisioning.scim.group;

import java.util.List;

/**
 * What a SCIM group is rendered from.
 *
 * @param members direct user members and sub-groups, {@code null} when not loaded ({@code excludedAttributes=members})
 */
record GroupSnapshot(String id, String name, String externalId, Long createdTimestamp, Long lastModifiedTimestamp,
                     List<Member> members) {

    record Member(String id, String display, boolean group) {
    }
}
