package io.github.kcprovisioning.scim.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.scim2.common.exceptions.ScimException;
import io.github.kcprovisioning.scim.ScimSettings;
import io.github.kcprovisioning.scim.user.UserAttributeMapping;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.RealmModel;
import org.keycloak.services.ui.extend.UiPageProvider;

/** How one realm's components decide its SCIM endpoint: served with which settings, or off and why. */
class RealmScimSettingsTest {

    private static final ServerSettings SERVER = new ServerSettings(new ScimSettings("scim-provisioning", null, 100, 1000, 1_048_576,
            1000, UserAttributeMapping.defaultMapping()), List.of());

    @Test
    void aRealmWithoutSettingsIsServedWithTheServerDefaults() {
        RealmScimSettings effective = of(realm(), SERVER);
        assertTrue(effective.serving());
        assertEquals(SERVER.defaults(), effective.settings());
        assertNull(effective.componentId());
        assertEquals(Set.of(), effective.fromRealm());
    }

    @Test
    void theRealmsComponentOverridesTheServer() {
        RealmScimSettings effective = of(realm(settings("c1", Map.of("max-page-size", "50"))), SERVER);
        assertTrue(effective.serving());
        assertEquals(50, effective.settings().maxPageSize());
        assertEquals(1000, effective.settings().maxBulkOperations());
        assertEquals("c1", effective.componentId());
        assertEquals(Set.of(ScimSetting.MAX_PAGE_SIZE), effective.fromRealm());
    }

    @Test
    void switchedOffIsA404() {
        RealmScimSettings effective = of(realm(settings("c1", Map.of("enabled", "false", "max-page-size", "50"))), SERVER);
        assertFalse(effective.serving());
        assertNull(effective.problem());
        assertEquals(50, effective.settings().maxPageSize(), "the values stay visible while switched off");
        ScimException error = effective.unavailable();
        assertEquals(404, error.getScimError().getStatus());
        assertEquals("SCIM is disabled for this realm", error.getScimError().getDetail());
    }

    @Test
    void aComponentThatCannotBeUsedSwitchesScimOffInsteadOfFallingBack() {
        RealmScimSettings effective = of(realm(settings("c1", Map.of("required-role", "deleted-role"))), SERVER);
        assertFalse(effective.serving());
        assertNull(effective.settings(), "no settings, not the server's");
        assertEquals("required-role: the role deleted-role does not exist in this realm.", effective.problem());
        assertEquals("deleted-role", effective.requiredRole());
        assertEquals(503, effective.unavailable().getScimError().getStatus());
        assertFalse(effective.unavailable().getScimError().getDetail().contains("deleted-role"), "SCIM clients are not told the configuration");
    }

    @Test
    void twoComponentsAreNotGuessedBetween() {
        RealmScimSettings effective = of(realm(settings("c1", Map.of()), settings("c2", Map.of())), SERVER);
        assertFalse(effective.serving());
        assertTrue(effective.problem().startsWith("more than one scim-endpoint-settings component (c1, c2)"), effective.problem());
    }

    @Test
    void entriesOfOtherPagesAreNotSettings() {
        ComponentModel target = settings("t1", Map.of("enabled", "false"));
        target.setProviderId("scim-target");
        assertTrue(of(realm(target), SERVER).serving());
    }

    @Test
    void unchangedSettingsAreNotWorkedOutAgain() {
        Map<String, String> config = Map.of("max-page-size", "40", "attribute-mappings", "title=position");
        RealmScimSettings first = of(realm(settings("c1", config)), SERVER);
        RealmScimSettings second = of(realm(settings("c1", config)), SERVER);
        assertEquals(40, second.settings().maxPageSize());
        assertSame(first.settings(), second.settings(), "the next request reuses the settings (and parsed mapping) of the first");
    }

    @Test
    void anEditedComponentTakesEffectAtOnce() {
        ComponentModel component = settings("c1", Map.of("max-page-size", "40"));
        assertEquals(40, of(realm(component), SERVER).settings().maxPageSize());
        component.put("max-page-size", "60"); // the model's config edited in place
        assertEquals(60, of(realm(component), SERVER).settings().maxPageSize());
        component.put("max-page-size", "ten");
        assertEquals("max-page-size: ten is not a whole number from 1 to 10000.", of(realm(component), SERVER).problem());
    }

    @Test
    void changedServerSettingsTakeEffectAtOnce() {
        ComponentModel component = settings("c1", Map.of("max-page-size", "40"));
        assertEquals(1000, of(realm(component), SERVER).settings().maxBulkOperations());
        ServerSettings changed = new ServerSettings(new ScimSettings("scim-provisioning", null, 10, 1000, 1_048_576, 500,
                UserAttributeMapping.defaultMapping()), List.of());
        RealmScimSettings effective = of(realm(component), changed);
        assertEquals(500, effective.settings().maxBulkOperations());
        assertEquals(10, effective.settings().defaultPageSize());
    }

    @Test
    void aRoleDeletedAfterTheSettingsWereWorkedOutSwitchesScimOffWithOneWarning() {
        ComponentModel component = settings("c1", Map.of("required-role", "hr-sync", "max-page-size", "40"));
        Set<String> roles = new HashSet<>(Set.of("scim-provisioning", "hr-sync"));
        List<LogRecord> warnings = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(RealmScimSettings.class.getName());
        log.addHandler(handler);
        try {
            assertTrue(RealmScimSettings.of(realm(component), SERVER, roles::contains).serving());
            roles.remove("hr-sync");
            for (int request = 0; request < 3; request++) {
                RealmScimSettings effective = RealmScimSettings.of(realm(component), SERVER, roles::contains);
                assertFalse(effective.serving());
                assertEquals("required-role: the role hr-sync does not exist in this realm.", effective.problem());
            }
            assertEquals(1, warnings.size(), "one warning, not one per request");
            assertTrue(warnings.get(0).getMessage().contains("required-role"), warnings.get(0).getMessage());
            roles.add("hr-sync");
            assertTrue(RealmScimSettings.of(realm(component), SERVER, roles::contains).serving(), "back once the role is back");
        } finally {
            log.removeHandler(handler);
        }
    }

    @Test
    void aRealmDoesNotBorrowAnotherRealmsRoles() {
        Map<String, String> config = Map.of("required-role", "hr-sync");
        assertTrue(RealmScimSettings.of(realm(settings("c1", config)), SERVER, "hr-sync"::equals).serving());
        ComponentModel sameSettingsElsewhere = settings("c1", config); // even the same id: only the realm tells them apart
        sameSettingsElsewhere.setParentId("other-realm-id");
        RealmScimSettings other = RealmScimSettings.of(realm("other-realm-id", sameSettingsElsewhere), SERVER, "scim-provisioning"::equals);
        assertFalse(other.serving());
        assertEquals("required-role: the role hr-sync does not exist in this realm.", other.problem());
    }

    /** the realm has one role, scim-provisioning */
    private static RealmScimSettings of(RealmModel realm, ServerSettings server) {
        return RealmScimSettings.of(realm, server, "scim-provisioning"::equals);
    }

    private static ComponentModel settings(String id, Map<String, String> config) {
        ComponentModel model = new ComponentModel();
        model.setId(id);
        model.setParentId("realm-id");
        model.setProviderType(UiPageProvider.class.getName());
        model.setProviderId(ScimSettingsPageFactory.ID);
        config.forEach(model::put);
        return model;
    }

    /** a realm with these page entries; nothing else of the model is used */
    private static RealmModel realm(ComponentModel... components) {
        return realm("realm-id", components);
    }

    private static RealmModel realm(String id, ComponentModel... components) {
        return (RealmModel) Proxy.newProxyInstance(RealmModel.class.getClassLoader(), new Class<?>[]{RealmModel.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getId" -> id;
                    case "getName" -> "acme";
                    case "getComponentsStream" -> Stream.of(components)
                            .filter(c -> c.getParentId().equals(args[0]) && c.getProviderType().equals(args[1]));
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
