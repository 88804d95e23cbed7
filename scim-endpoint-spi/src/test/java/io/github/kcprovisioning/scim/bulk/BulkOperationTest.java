package io.github.kcprovisioning.scim.bulk;

import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.utils.JsonUtils;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BulkOperationTest {

    @Test
    void referencesInPathAndNestedDataAreReplaced() throws Exception {
        BulkOperation operation = BulkOperation.parse(0, JsonUtils.getObjectReader().readTree("""
                {"method":"patch","path":"/Groups/bulkId:g","data":{"Operations":[{"op":"add","path":"members",
                 "value":[{"value":"bulkId:u"}]}]}}"""));
        BulkOperation resolved = operation.resolve(Map.of("g", "group-1", "u", "user-1"));
        assertEquals("PATCH", resolved.method());
        assertEquals("/Groups/group-1", resolved.path());
        assertEquals("user-1", resolved.data().at("/Operations/0/value/0/value").asText());
        assertEquals("bulkId:u", operation.data().at("/Operations/0/value/0/value").asText(), "the request itself is not changed");
    }

    @Test
    void unknownReferenceAndBadOperationsAreRejected() throws Exception {
        BulkOperation operation = BulkOperation.parse(0, JsonUtils.getObjectReader().readTree(
                "{\"method\":\"DELETE\",\"path\":\"/Users/bulkId:missing\"}"));
        assertEquals("invalidValue", assertThrows(BadRequestException.class, () -> operation.resolve(Map.of())).getScimError().getScimType());
        assertThrows(BadRequestException.class, () -> BulkOperation.parse(1, JsonUtils.getObjectReader().readTree(
                "{\"method\":\"GET\",\"path\":\"/Users\"}")));
        assertThrows(BadRequestException.class, () -> BulkOperation.parse(2, JsonUtils.getObjectReader().readTree(
                "{\"method\":\"POST\",\"path\":\"/Users\",\"data\":{}}")));
    }
}
