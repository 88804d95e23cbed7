package io.github.kcprovisioning.scim.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.utils.JsonUtils;

import java.util.List;

/** RFC 7644 §3.4.2 list responses. */
public final class ListResponses {

    private static final String LIST_RESPONSE_URN = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

    private ListResponses() {
    }

    public static ObjectNode of(long totalResults, int startIndex, List<ObjectNode> resources) {
        ObjectNode json = JsonUtils.getJsonNodeFactory().objectNode();
        json.putArray("schemas").add(LIST_RESPONSE_URN);
        json.put("totalResults", totalResults);
        json.put("startIndex", startIndex);
        json.put("itemsPerPage", resources.size());
        ArrayNode array = json.putArray("Resources");
        resources.forEach(array::add);
        return json;
    }
}
