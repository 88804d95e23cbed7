package io.github.kcprovisioning.scim.user;

import java.util.List;
import java.util.Map;

/**
 * What the SCIM representation of a user is rendered from: loaded either from one {@code UserModel} or, for list pages,
 * in a fixed number of batch queries.
 *
 * @param attributes first value of each mapped user attribute
 * @param groups     direct group memberships, {@code null} when not loaded (attribute not requested)
 */
public record UserSnapshot(String id, String username, String firstName, String lastName, String email, boolean enabled,
                           Long createdTimestamp, Long lastModifiedTimestamp, Map<String, String> attributes,
                           List<GroupRef> groups) {

    public record GroupRef(String id, String name) {
    }
}
