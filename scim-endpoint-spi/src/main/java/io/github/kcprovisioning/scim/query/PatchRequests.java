package io.github.kcprovisioning.scim.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.messages.PatchRequest;
import com.unboundid.scim2.common.utils.JsonUtils;
import io.github.kcprovisioning.scim.api.ScimJson;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses a PATCH body, first rewriting the shapes Entra ID and Okta send into plain RFC 7644 operations:
 * capitalised {@code op} names ("Replace") and {@code add}/{@code replace} without a path whose value object uses
 * attribute paths as keys (e.g. {@code "name.givenName"} or an enterprise-extension URN), which become one operation per key.
 */
public final class PatchRequests {

    private static final Set<String> READ_ONLY_KEYS = Set.of("schemas", "id", "meta");
    private static final String PATCH_OP_URN = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private PatchRequests() {
    }

    public static PatchRequest parse(ObjectNode body) throws ScimException {
        JsonNode operations = body.get("Operations");
        if (operations == null) {
            operations = body.get("operations");
        }
        if (operations == null || !operations.isArray() || operations.isEmpty()) {
            throw BadRequestException.invalidSyntax("PATCH body needs a non-empty 'Operations' array");
        }
        ArrayNode normalized = JsonUtils.getJsonNodeFactory().arrayNode();
        for (JsonNode operation : operations) {
            if (!operation.isObject() || !operation.path("op").isTextual()) {
                throw BadRequestException.invalidSyntax("Each PATCH operation needs an 'op': " + operation);
            }
            ObjectNode op = ((ObjectNode) operation).deepCopy();
            String name = op.get("op").asText().toLowerCase(Locale.ROOT);
            op.put("op", name);
            JsonNode path = op.get("path");
            boolean noPath = path == null || path.isNull() || path.asText().isBlank();
            if (noPath) {
                op.remove("path");
            }
            if (noPath && !name.equals("remove") && op.path("value").isObject()) {
                splitByKey(name, (ObjectNode) op.get("value"), normalized);
            } else {
                normalized.add(op);
            }
        }
        ObjectNode request = JsonUtils.getJsonNodeFactory().objectNode();
        request.putArray("schemas").add(PATCH_OP_URN);
        request.set("Operations", normalized);
        return ScimJson.convert(request, PatchRequest.class);
    }

    private static void splitByKey(String op, ObjectNode value, ArrayNode into) {
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (READ_ONLY_KEYS.contains(field.getKey().toLowerCase(Locale.ROOT))) {
                // Entra ID repeats the resource's id in such values; read-only attributes are ignored (RFC 7644 §3.5.2)
                continue;
            }
            ObjectNode single = into.addObject();
            single.put("op", op);
            single.put("path", field.getKey());
            single.set("value", field.getValue());
        }
    }
}
