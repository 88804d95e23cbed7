package io.github.kcprovisioning.scim.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MappableAttributesTest {

    private static final String ENTERPRISE = ScimSchemas.ENTERPRISE_USER + ":";

    @Test
    void everyAttributeOfTheDefaultMappingIsMappable() {
        List<MappedAttribute> refused = UserAttributeMapping.defaultMapping().attributes().stream()
                .filter(m -> !MappableAttributes.allows(m)).toList();
        assertEquals(List.of(), refused);
    }

    @Test
    void attributesOfTheUserSchemasWithoutAColumnAreMappable() {
        for (String path : List.of("title", "TITLE", "ims[skype]", "photos[photo].value", "x509Certificates[sig].display",
                "addresses[home].locality", "name.middleName", ScimSchemas.CORE_USER + ":nickName", ENTERPRISE + "department",
                ENTERPRISE + "manager.displayName")) {
            assertTrue(MappableAttributes.allows(MappedAttribute.parse(path, "a")), path);
        }
    }

    @Test
    void columnsUnknownAttributesAndWrongShapesAreNot() {
        for (String path : List.of("userName", "id", "active", "password", "groups[direct].value", "emails[work].value",
                "name.givenName", "name.familyName", "department", "custom", "urn:example:ext:User:badge", "title.value",
                "title[work]", "phoneNumbers.value", "phoneNumbers[work].type", "addresses[work]", "name", ENTERPRISE + "manager",
                ENTERPRISE + "manager.id")) {
            assertFalse(MappableAttributes.allows(MappedAttribute.parse(path, "a")), path);
        }
    }
}
