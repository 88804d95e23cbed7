package io.github.kcprovisioning.scim.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.GenericScimResource;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.messages.PatchOpType;
import com.unboundid.scim2.common.messages.PatchRequest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PatchRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void entraReplaceWithoutPathBecomesOneOperationPerAttribute() throws Exception {
        PatchRequest patch = PatchRequests.parse(json("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"Replace","value":{"active":"False","name.givenName":"Ann",
                   "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department":"Ops"}}]}"""));
        assertEquals(3, patch.getOperations().size());
        assertEquals(PatchOpType.REPLACE, patch.getOperations().get(0).getOpType());

        GenericScimResource user = new GenericScimResource(json("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"ann","active":true,
                 "name":{"givenName":"A","familyName":"Smith"}}"""));
        patch.apply(user);
        ObjectNode result = user.getObjectNode();
        assertEquals("False", result.get("active").asText(), "string booleans are coerced later, by the writer");
        assertEquals("Ann", result.at("/name/givenName").asText());
        assertEquals("Smith", result.at("/name/familyName").asText(), "sibling sub-attributes survive");
        assertEquals("Ops", result.get("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User").get("department").asText());
    }

    @Test
    void valueFilterPathReplacesTheMatchingElementOnly() throws Exception {
        PatchRequest patch = PatchRequests.parse(json("""
                {"Operations":[{"op":"replace","path":"emails[type eq \\"work\\"].value","value":"new@example.com"}]}"""));
        GenericScimResource user = new GenericScimResource(json("""
                {"emails":[{"type":"home","value":"home@example.com"},{"type":"work","value":"old@example.com"}]}"""));
        patch.apply(user);
        assertEquals("home@example.com", user.getObjectNode().at("/emails/0/value").asText());
        assertEquals("new@example.com", user.getObjectNode().at("/emails/1/value").asText());
    }

    @Test
    void malformedPatchBodiesAreInvalidSyntax() {
        BadRequestException noOps = assertThrows(BadRequestException.class, () -> PatchRequests.parse(json("{\"Operations\":[]}")));
        assertEquals("invalidSyntax", noOps.getScimError().getScimType());
        BadRequestException noOp = assertThrows(BadRequestException.class,
                () -> PatchRequests.parse(json("{\"Operations\":[{\"path\":\"title\"}]}")));
        assertEquals("invalidSyntax", noOp.getScimError().getScimType());
    }

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) JSON.readTree(text);
    }
}
