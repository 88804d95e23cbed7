package io.github.kcprovisioning.scim.user;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import io.github.kcprovisioning.scim.filter.AttributeRef;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserAttributeMappingTest {

    private static final String ENTERPRISE = ScimSchemas.ENTERPRISE_USER;

    @Test
    void parsesTypedAndExtensionPaths() {
        MappedAttribute phone = MappedAttribute.parse("phoneNumbers[mobile].value", "mobile");
        assertEquals("phoneNumbers", phone.attribute());
        assertEquals("mobile", phone.type());
        assertEquals("value", phone.subAttribute());
        MappedAttribute manager = MappedAttribute.parse(ENTERPRISE + ":manager.value", "manager");
        assertEquals(ENTERPRISE, manager.schemaUrn());
        assertEquals("manager", manager.attribute());
        assertEquals("value", manager.subAttribute());
        assertNull(MappedAttribute.parse(ScimSchemas.CORE_USER + ":title", "title").schemaUrn(), "core URN is the default schema");
        assertThrows(IllegalArgumentException.class, () -> MappedAttribute.parse("emails[", "x"));
    }

    @Test
    void overridesReplaceAddAndRemoveDefaults() {
        UserAttributeMapping mapping = UserAttributeMapping.withOverrides(new String[]{
                ENTERPRISE + ":department=dept", "title=", "nickName=alias", "urn:example:custom:2.0:User:badge=badge"});
        assertEquals(List.of("dept"), names(mapping, ENTERPRISE + ":department"));
        assertTrue(names(mapping, "title").isEmpty(), "empty attribute name drops the mapping");
        assertEquals(List.of("alias"), names(mapping, "nickName"));
        assertEquals(List.of("badge"), names(mapping, "urn:example:custom:2.0:User:badge"));
        assertThrows(IllegalArgumentException.class, () -> UserAttributeMapping.withOverrides(new String[]{"no-equals-sign"}));
    }

    @Test
    void filterReferencesMatchAllTypesUnlessNarrowed() throws Exception {
        UserAttributeMapping mapping = UserAttributeMapping.defaultMapping();
        AttributeRef phones = AttributeRef.of(Path.fromString("phoneNumbers.value"));
        assertEquals(List.of("phoneNumber", "mobile", "fax"), mapping.matching(phones, null).stream().map(MappedAttribute::userAttribute).toList());
        assertEquals(List.of("mobile"), mapping.matching(phones, "MOBILE").stream().map(MappedAttribute::userAttribute).toList());
        AttributeRef phonesNoSub = AttributeRef.of(Path.fromString("phoneNumbers"));
        assertEquals(3, mapping.matching(phonesNoSub, null).size(), "an omitted sub-attribute means 'value'");
    }

    @Test
    void codecReadsTypedElementsAndFallsBackToUntypedForTheFirstType() throws Exception {
        UserAttributeMapping mapping = UserAttributeMapping.defaultMapping();
        MappedAttributeCodec codec = new MappedAttributeCodec(mapping);
        ObjectNode user = (ObjectNode) new ObjectMapper().readTree("""
                {"phoneNumbers":[{"value":"+49 1"},{"type":"Mobile","value":"+49 2"}],
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"R&D","manager":{"value":"m-1"}},
                 "addresses":[{"type":"work","locality":"Berlin"}]}""");
        assertEquals("+49 1", codec.read(user, attr(mapping, "phoneNumbers[work].value")), "untyped element goes to the first type");
        assertEquals("+49 2", codec.read(user, attr(mapping, "phoneNumbers[mobile].value")));
        assertNull(codec.read(user, attr(mapping, "phoneNumbers[fax].value")));
        assertEquals("R&D", codec.read(user, attr(mapping, ENTERPRISE + ":department")));
        assertEquals("m-1", codec.read(user, attr(mapping, ENTERPRISE + ":manager.value")));
        assertEquals("Berlin", codec.read(user, attr(mapping, "addresses[work].locality")));
    }

    @Test
    void codecWritesWhatItReads() throws Exception {
        UserAttributeMapping mapping = UserAttributeMapping.defaultMapping();
        MappedAttributeCodec codec = new MappedAttributeCodec(mapping);
        ObjectNode out = new ObjectMapper().createObjectNode();
        codec.write(out, attr(mapping, "phoneNumbers[mobile].value"), "+1");
        codec.write(out, attr(mapping, "phoneNumbers[work].value"), "+2");
        codec.write(out, attr(mapping, "addresses[work].locality"), "Paris");
        codec.write(out, attr(mapping, "addresses[work].country"), "FR");
        codec.write(out, attr(mapping, ENTERPRISE + ":manager.value"), "m-2");
        assertEquals("""
                {"phoneNumbers":[{"type":"mobile","value":"+1"},{"type":"work","value":"+2"}],\
                "addresses":[{"type":"work","locality":"Paris","country":"FR"}],\
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"value":"m-2"}}}""", out.toString());
        assertEquals("+1", codec.read(out, attr(mapping, "phoneNumbers[mobile].value")));
    }

    private static List<String> names(UserAttributeMapping mapping, String scimPath) {
        String key = MappedAttribute.parse(scimPath, "x").scimPath();
        return mapping.attributes().stream().filter(m -> m.scimPath().equals(key)).map(MappedAttribute::userAttribute).toList();
    }

    private static MappedAttribute attr(UserAttributeMapping mapping, String scimPath) {
        String key = MappedAttribute.parse(scimPath, "x").scimPath();
        return mapping.attributes().stream().filter(m -> m.scimPath().equals(key)).findFirst().orElseThrow();
    }
}
