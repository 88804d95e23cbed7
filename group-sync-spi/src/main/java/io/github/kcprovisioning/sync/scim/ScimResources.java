package io.github.kcprovisioning.sync.scim;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.messages.PatchOperation;
import com.unboundid.scim2.common.messages.PatchRequest;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.UserResource;
import com.unboundid.scim2.common.utils.JsonUtils;
import org.keycloak.models.UserModel;

/** Keycloak users and groups as SCIM resources, and the PATCH bodies for memberships. */
final class ScimResources {

    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    /** what is pushed of a user, read once from the model */
    record UserSnapshot(String id, String userName, String firstName, String lastName, String email, boolean enabled,
                        Map<String, List<String>> attributes) {

        static UserSnapshot of(UserModel user) {
            return new UserSnapshot(user.getId(), user.getUsername(), user.getFirstName(), user.getLastName(), user.getEmail(),
                    user.isEnabled(), user.getAttributes());
        }
    }

    private ScimResources() {
    }

    /**
     * externalId is the Keycloak id: the stable key an idempotent create looks up first. The mapping comes validated
     * from {@link ScimTargetConfig}.
     */
    static ObjectNode user(UserSnapshot user, Map<String, String> mapping) {
        UserResource resource = new UserResource();
        resource.setUserName(user.userName());
        resource.setExternalId(user.id());
        resource.setActive(user.enabled());
        if (user.firstName() != null || user.lastName() != null) {
            resource.setName(new Name().setGivenName(user.firstName()).setFamilyName(user.lastName()));
            resource.setDisplayName(String.join(" ",
                    Stream.of(user.firstName(), user.lastName()).filter(p -> p != null && !p.isBlank()).toList()));
        }
        if (user.email() != null && !user.email().isBlank()) {
            resource.setEmails(new Email().setValue(user.email()).setType("work").setPrimary(true));
        }
        ObjectNode node = JsonUtils.valueToNode(resource);
        mapping.forEach((scimAttribute, keycloakAttribute) -> {
            List<String> values = user.attributes().get(keycloakAttribute);
            if (values == null || values.isEmpty() || values.get(0) == null) {
                return;
            }
            if (scimAttribute.startsWith(ScimTargetConfig.ENTERPRISE_PREFIX)) {
                ObjectNode enterprise = node.has(ENTERPRISE) ? (ObjectNode) node.get(ENTERPRISE) : node.putObject(ENTERPRISE);
                enterprise.put(scimAttribute.substring(ScimTargetConfig.ENTERPRISE_PREFIX.length()), values.get(0));
                ArrayNode schemas = (ArrayNode) node.get("schemas");
                if (!contains(schemas, ENTERPRISE)) {
                    schemas.add(ENTERPRISE);
                }
            } else {
                node.put(scimAttribute, values.get(0));
            }
        });
        return node;
    }

    static ObjectNode group(String localId, String displayName) {
        GroupResource group = new GroupResource();
        group.setDisplayName(displayName);
        group.setExternalId(localId);
        return JsonUtils.valueToNode(group);
    }

    static ObjectNode addMember(String remoteMemberId, String type) {
        ArrayNode members = JsonNodeFactory.instance.arrayNode();
        members.addObject().put("value", remoteMemberId).put("type", type);
        return patch(PatchOperation.add(Path.root().attribute("members"), members));
    }

    static ObjectNode removeMember(String remoteMemberId) {
        try {
            return patch(PatchOperation.remove("members[value eq \"" + remoteMemberId.replace("\"", "\\\"") + "\"]"));
        } catch (ScimException e) {
            throw new IllegalArgumentException("cannot express member removal for id " + remoteMemberId, e);
        }
    }

    /** PATCH rather than PUT for groups: a PUT without members would wipe the group's members on the target */
    static ObjectNode rename(String displayName) {
        try {
            return patch(PatchOperation.replace("displayName", displayName));
        } catch (ScimException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Takes over a group found on the target (made there by someone else, or by an attempt whose link was lost): sets
     * our externalId, so that later look-ups find it by id, and the current displayName. Members are left alone.
     */
    static ObjectNode adopt(String localId, String displayName) {
        try {
            return JsonUtils.valueToNode(new PatchRequest(
                    PatchOperation.replace("externalId", localId), PatchOperation.replace("displayName", displayName)));
        } catch (ScimException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode deactivate() {
        try {
            return patch(PatchOperation.replace("active", false));
        } catch (ScimException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode patch(PatchOperation operation) {
        return JsonUtils.valueToNode(new PatchRequest(operation));
    }

    private static boolean contains(ArrayNode array, String value) {
        for (var element : array) {
            if (value.equals(element.asText())) {
                return true;
            }
        }
        return false;
    }
}
