package io.github.kcprovisioning.scim.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import org.junit.jupiter.api.Test;

import java.util.OptionalLong;
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
    void aShortPageTellsTheTotalSoNoCountQueryIsNeeded() throws Exception {
        assertEquals(OptionalLong.of(1), page(1, 100).totalFromPage(1), "filter userName eq: one hit on the first page");
        assertEquals(OptionalLong.of(0), page(1, 100).totalFromPage(0), "nothing at all");
        assertEquals(OptionalLong.of(230), page(201, 100).totalFromPage(30), "the last, partly filled page");
        assertEquals(OptionalLong.empty(), page(1, 100).totalFromPage(100), "a full page: there may be more");
        assertEquals(OptionalLong.empty(), page(501, 100).totalFromPage(0), "empty beyond the end: the total is unknown");
        assertEquals(OptionalLong.empty(), page(1, 0).totalFromPage(0), "count=0 asks for the total only");
    }

    private static ListRequest page(int startIndex, int count) throws Exception {
        return new ListRequest(null, null, false, startIndex, count, AttributeProjection.of(Set.of(), Set.of()));
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
