package io.github.kcprovisioning.scim.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kcprovisioning.scim.ScimSettings;
import io.github.kcprovisioning.scim.user.MappedAttribute;
import io.github.kcprovisioning.scim.user.ScimSchemas;
import io.github.kcprovisioning.scim.user.UserAttributeMapping;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RealmOverridesTest {

    private static final String DEPARTMENT = ScimSchemas.ENTERPRISE_USER + ":department";
    /** the server: SPI options with a mapping override of its own */
    private static final ServerSettings SERVER = new ServerSettings(new ScimSettings("scim-provisioning", null, 100, 1000, 1_048_576,
            1000, UserAttributeMapping.withOverrides(new String[]{"title=jobTitle"})), List.of("title=jobTitle"));
    private static final Set<String> ROLES = Set.of("scim-provisioning", "hr-sync", "crm.scim");

    @Test
    void withoutValuesTheServerDefaultsApply() throws Exception {
        RealmOverrides.Applied applied = apply(Map.of());
        assertEquals(SERVER.defaults(), applied.settings());
        assertEquals(Set.of(), applied.fromRealm());
        assertEquals(applied.settings(), apply(Map.of("max-page-size", List.of(""), "audience", List.of("  "),
                "attribute-mappings", List.of(""))).settings(), "an empty field is the server default");
        assertTrue(RealmOverrides.enabled(Map.of()), "on without a value");
    }

    @Test
    void realmValuesOverrideSettingBySettingAndSayWhereTheyCameFrom() throws Exception {
        RealmOverrides.Applied applied = apply(Map.of("enabled", List.of("true"), "required-role", List.of("crm.scim"),
                "audience", List.of("https://scim.example.com"), "max-page-size", List.of(" 50 "), "max-body-bytes", List.of("4096"),
                "max-bulk-operations", List.of("7")));
        ScimSettings settings = applied.settings();
        assertEquals("crm.scim", settings.requiredRole());
        assertEquals("https://scim.example.com", settings.audience());
        assertEquals(50, settings.maxPageSize());
        assertEquals(50, settings.defaultPageSize(), "the server's default page size is cut to the realm's smaller maximum");
        assertEquals(4096, settings.maxBodyBytes());
        assertEquals(7, settings.maxBulkOperations());
        assertEquals(Set.of(ScimSetting.ENABLED, ScimSetting.REQUIRED_ROLE, ScimSetting.AUDIENCE, ScimSetting.MAX_PAGE_SIZE,
                ScimSetting.MAX_BODY_BYTES, ScimSetting.MAX_BULK_OPERATIONS), applied.fromRealm());
    }

    @Test
    void realmMappingsApplyAfterTheServerMappings() throws Exception {
        RealmOverrides.Applied applied = apply(Map.of("attribute-mappings", List.of(DEPARTMENT + "=dept", "nickName=", "")));
        UserAttributeMapping mapping = applied.settings().attributeMapping();
        assertEquals("dept", userAttribute(mapping, DEPARTMENT));
        assertEquals("jobTitle", userAttribute(mapping, "title"), "the server's own override stays");
        assertEquals(null, userAttribute(mapping, "nickName"), "an empty user attribute drops the SCIM attribute");
        assertEquals(Set.of(ScimSetting.ATTRIBUTE_MAPPINGS), applied.fromRealm());

        UserAttributeMapping realmWins = apply(Map.of("attribute-mappings", List.of("title=position"))).settings().attributeMapping();
        assertEquals("position", userAttribute(realmWins, "title"), "same SCIM path: the realm's entry wins");
    }

    @Test
    void numbersMustBeWholeAndWithinBounds() {
        for (String bad : List.of("0", "-5", "ten", "1.5", "10001")) {
            InvalidSettingException e = refused(Map.of("max-page-size", List.of(bad)));
            assertEquals(ScimSetting.MAX_PAGE_SIZE, e.setting());
            assertEquals("max-page-size: " + bad + " is not a whole number from 1 to 10000.", e.getMessage());
        }
        assertEquals(ScimSetting.MAX_BODY_BYTES, refused(Map.of("max-body-bytes", List.of("104857601"))).setting());
        assertEquals(ScimSetting.MAX_BULK_OPERATIONS, refused(Map.of("max-bulk-operations", List.of("0"))).setting());
        assertEquals(ScimSetting.DEFAULT_PAGE_SIZE, refused(Map.of("default-page-size", List.of("2147483648"))).setting());
    }

    @Test
    void aDefaultPageSizeTheRealmSetsMustNotExceedTheMaximum() {
        InvalidSettingException e = refused(Map.of("default-page-size", List.of("200"), "max-page-size", List.of("150")));
        assertEquals(ScimSetting.DEFAULT_PAGE_SIZE, e.setting());
        assertEquals("default-page-size: 200 is larger than the maximum page size 150.", e.getMessage());
        assertEquals(ScimSetting.DEFAULT_PAGE_SIZE, refused(Map.of("default-page-size", List.of("1001"))).setting(),
                "also above the server's maximum");
    }

    @Test
    void malformedAndUnmappableMappingsAreRefused() {
        InvalidSettingException malformed = refused(Map.of("attribute-mappings", List.of("title")));
        assertEquals("scimSettingsMappingMalformed", malformed.messageKey());
        assertEquals("attribute-mappings: title is not of the form scimPath=userAttribute.", malformed.getMessage());
        assertEquals("scimSettingsMappingMalformed", refused(Map.of("attribute-mappings", List.of("emails[=x"))).messageKey());
        for (String unmappable : List.of("department=dept", "userName=login", "emails[work].value=mail", "phoneNumbers.value=phone",
                "name.givenName=first", "urn:example:custom:User:badge=badge", "x=y")) {
            InvalidSettingException e = refused(Map.of("attribute-mappings", List.of(unmappable)));
            assertEquals("scimSettingsMappingNotMappable", e.messageKey(), unmappable);
            assertTrue(e.getMessage().startsWith("attribute-mappings: " + unmappable + " names no SCIM User attribute"), e.getMessage());
        }
    }

    @Test
    void theRequiredRoleMustExist() throws Exception {
        assertEquals("gone", RealmOverrides.apply(SERVER, Map.of("required-role", List.of("gone"))).settings().requiredRole(),
                "apply works from the values alone; the realm's roles are requireRole's to check");
        InvalidSettingException e = refused(Map.of("required-role", List.of("gone")));
        assertEquals("required-role: the role gone does not exist in this realm.", e.getMessage());
        Object[] parameters = e.consoleParameters();
        assertEquals("scimSettingsRequiredRole", parameters[0], "the label's message key, so the admin reads the label in their language");
        assertFalse(parameters[1] instanceof String, "a value is not a message key to translate, even if it looks like one");
        assertEquals("gone", parameters[1].toString());
    }

    @Test
    void theSwitchIsTrueOrFalse() throws Exception {
        assertFalse(RealmOverrides.enabled(Map.of("enabled", List.of("false"))));
        assertFalse(RealmOverrides.enabled(Map.of("enabled", List.of("FALSE"))));
        assertTrue(RealmOverrides.enabled(Map.of("enabled", List.of("true"))));
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> RealmOverrides.enabled(Map.of("enabled", List.of("no"))));
        assertEquals("enabled: no is neither true nor false.", e.getMessage());
    }

    private static RealmOverrides.Applied apply(Map<String, List<String>> config) throws InvalidSettingException {
        RealmOverrides.requireRole(config, ROLES::contains);
        return RealmOverrides.apply(SERVER, new HashMap<>(config));
    }

    private static InvalidSettingException refused(Map<String, List<String>> config) {
        return assertThrows(InvalidSettingException.class, () -> apply(config));
    }

    private static String userAttribute(UserAttributeMapping mapping, String path) {
        String key = MappedAttribute.parse(path, "").scimPath();
        return mapping.attributes().stream().filter(m -> m.scimPath().equals(key)).map(MappedAttribute::userAttribute)
                .findFirst().orElse(null);
    }
}
