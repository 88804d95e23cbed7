package io.github.kcprovisioning.scim.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListRequestAndProjectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void searchBodyIsNormalized() throws Exception {
        ListRequest request = ListRequest.fromSearchBody((ObjectNode) JSON.readTree("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"userName eq \\"a\\"",
                 "startIndex":0,"count":5000,"sortBy":"userName","sortOrder":"descending"}"""), 100, 1000);
        assertEquals(1, request.startIndex(), "startIndex below 1 is 1");
        assertEquals(1000, request.count(), "count is cut to the maximum");
        assertTrue(request.descending());
        assertEquals("userName eq \"a\"", request.filter().toString());
    }

    @Test
    void unparsableFilterIsInvalidFilter() {
        BadRequestException e = assertThrows(BadRequestException.class, () -> ListRequest.fromSearchBody(
                (ObjectNode) JSON.readTree("{\"filter\":\"userName eq\"}"), 100, 1000));
        assertEquals("invalidFilter", e.getScimError().getScimType());
    }

    @Test
    void attributesKeepIdSchemasMetaAndRequestedSubAttributes() throws Exception {
        ObjectNode user = (ObjectNode) JSON.readTree("""
                {"schemas":["s"],"id":"1","userName":"a","name":{"givenName":"G","familyName":"F"},"title":"t",
                 "meta":{"version":"v"}}""");
        ObjectNode projected = AttributeProjection.of(Set.of("userName", "name.givenName"), Set.of()).apply(user);
        assertEquals("{\"schemas\":[\"s\"],\"id\":\"1\",\"meta\":{\"version\":\"v\"},\"userName\":\"a\",\"name\":{\"givenName\":\"G\"}}",
                sorted(projected));
        assertNull(projected.get("title"));
    }

    @Test
    void excludedAttributesRemoveButNeverTheId() throws Exception {
        ObjectNode group = (ObjectNode) JSON.readTree("{\"id\":\"1\",\"displayName\":\"g\",\"members\":[{\"value\":\"u\"}]}");
        AttributeProjection projection = AttributeProjection.of(Set.of(), Set.of("members", "id"));
        assertFalse(projection.includes("members"));
        assertTrue(projection.includes("displayName"));
        assertEquals("{\"id\":\"1\",\"displayName\":\"g\"}", projection.apply(group).toString());
    }

    private static String sorted(ObjectNode node) throws Exception {
        ObjectNode ordered = JSON.createObjectNode();
        for (String key : new String[]{"schemas", "id", "meta", "userName", "name"}) {
            if (node.has(key)) {
                ordered.set(key, node.get(key));
            }
        }
        assertEquals(ordered.size(), node.size(), node.toString());
        return ordered.toString();
    }
}
