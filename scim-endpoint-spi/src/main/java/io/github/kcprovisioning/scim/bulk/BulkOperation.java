package io.github.kcprovisioning.scim.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One operation of a /Bulk request (RFC 7644 §3.7), with {@code bulkId:} references still unresolved. */
record BulkOperation(int index, String method, String path, String bulkId, String version, JsonNode data) {

    private static final String REFERENCE = "bulkId:";

    static BulkOperation parse(int index, JsonNode json) throws BadRequestException {
        if (!json.isObject()) {
            throw BadRequestException.invalidSyntax("Bulk operation " + index + " is not an object");
        }
        String method = json.path("method").asText("").toUpperCase(Locale.ROOT);
        String path = json.path("path").asText("");
        if (!method.matches("POST|PUT|PATCH|DELETE")) {
            throw BadRequestException.invalidValue("Bulk operation " + index + ": method must be POST, PUT, PATCH or DELETE");
        }
        if (!path.startsWith("/")) {
            throw BadRequestException.invalidValue("Bulk operation " + index + ": path must start with '/'");
        }
        String bulkId = json.hasNonNull("bulkId") ? json.get("bulkId").asText() : null;
        if (method.equals("POST") && bulkId == null) {
            throw BadRequestException.invalidValue("Bulk operation " + index + ": POST needs a bulkId");
        }
        String version = json.hasNonNull("version") ? json.get("version").asText() : null;
        return new BulkOperation(index, method, path, bulkId, version, json.get("data"));
    }

    /** The path and data with every {@code bulkId:x} replaced by the id created for x. */
    BulkOperation resolve(Map<String, String> createdIds) throws BadRequestException {
        String resolvedPath = path;
        int at = path.indexOf(REFERENCE);
        if (at >= 0) {
            resolvedPath = path.substring(0, at) + idFor(path.substring(at + REFERENCE.length()), createdIds);
        }
        JsonNode resolvedData = data == null ? null : data.deepCopy();
        if (resolvedData instanceof ObjectNode object) {
            replaceReferences(object, createdIds);
        }
        return new BulkOperation(index, method, resolvedPath, bulkId, version, resolvedData);
    }

    private static void replaceReferences(JsonNode node, Map<String, String> createdIds) throws BadRequestException {
        if (node instanceof ObjectNode object) {
            // by name, not through fields(): the SDK's case-insensitive ObjectNode does not write entries through
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                if (value.isTextual() && value.asText().startsWith(REFERENCE)) {
                    object.put(name, idFor(value.asText().substring(REFERENCE.length()), createdIds));
                } else {
                    replaceReferences(value, createdIds);
                }
            }
        } else if (node != null && node.isArray()) {
            for (JsonNode element : node) {
                replaceReferences(element, createdIds);
            }
        }
    }

    private static String idFor(String bulkId, Map<String, String> createdIds) throws BadRequestException {
        String id = createdIds.get(bulkId);
        if (id == null) {
            throw BadRequestException.invalidValue("bulkId '" + bulkId + "' does not name an earlier, successful POST");
        }
        return id;
    }
}
