package io.github.kcprovisioning.it.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kcprovisioning.it.browser.AdminConsole;
import io.github.kcprovisioning.it.browser.DeclarativePage;
import io.github.kcprovisioning.it.browser.HeadlessChromium;
import io.github.kcprovisioning.it.browser.MapperForm;
import io.github.kcprovisioning.it.browser.Screenshots;
import io.github.kcprovisioning.it.harness.BrokerFixture;
import io.github.kcprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.harness.RealmFixtures;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * A realm administrator whose language is German sees our mapper's fields, the outbound targets page and the SCIM
 * endpoint settings page (with the reason a value is refused) in German. The
 * console's language is the admin's {@code locale} attribute (honoured when the realm has internationalization on), so the
 * admin is a user of the realm itself, logged into that realm's console; the shared master realm stays untouched.
 */
@KeycloakIntegrationTest
class GermanAdminConsoleIT {

    @Test
    void mapperFieldLabelsAndHelpAreGerman(KeycloakServer kc) {
        BrokerFixture broker = BrokerFixture.oidc(kc);
        RealmResource realm = broker.brokerRealmResource();
        enableGerman(realm);
        String password = "Passw0rd-de";
        createGermanRealmAdmin(realm, "konsole-de", password);
        Properties german = ThemeMessages.load("de");

        try (HeadlessChromium browser = HeadlessChromium.start()) {
            Screenshots screenshots = new Screenshots(browser.driver(), "jit-mapper-german");
            AdminConsole console = AdminConsole.login(browser.driver(), kc.baseUrl(), broker.brokerRealm(), "konsole-de", password,
                    screenshots);
            console.openIdentityProviderMappers(broker.brokerRealm(), "keycloak-oidc", broker.idpAlias());
            MapperForm form = console.addIdentityProviderMapper("jit-external-groups");

            assertEquals(german.getProperty("jitGroupsClaim"), form.label("claim"));
            assertEquals(german.getProperty("jitGroupsRoot"), form.label("root.group"));
            assertEquals(german.getProperty("jitGroupsRootHelp"), form.openHelp("root.group"));
            screenshots.take("add-mapper-form-german");
        }
    }

    @Test
    void outboundTargetsPageIsGerman(KeycloakServer kc) {
        String realmName = RealmFixtures.createRealm(kc, "ziele-de");
        RealmResource realm = kc.admin().realm(realmName);
        enableGerman(realm);
        String password = "Passw0rd-de";
        createGermanRealmAdmin(realm, "ziele-de", password);
        Properties german = ThemeMessages.load("de");

        try (HeadlessChromium browser = HeadlessChromium.start()) {
            Screenshots screenshots = new Screenshots(browser.driver(), "outbound-targets-german");
            DeclarativePage targets = AdminConsole.login(browser.driver(), kc.baseUrl(), realmName, "ziele-de", password, screenshots)
                    .declarativePage(realmName, "scim-target");
            assertEquals(german.getProperty("scim-target"), targets.openList());
            DeclarativePage.Entry form = targets.add();
            assertEquals(german.getProperty("outboundBaseUrl"), form.label("baseUrl"));
            assertEquals(german.getProperty("outboundDeprovision"), form.label("deprovision"));
            assertEquals(german.getProperty("outboundDeprovisionHelp"), form.openHelp("deprovision"));
            screenshots.take("new-target-german");
        }
    }

    /** the SCIM endpoint settings page, and the reason Keycloak gives for refusing a value: German, with the German label */
    @Test
    void scimEndpointSettingsPageAndItsRefusalAreGerman(KeycloakServer kc) {
        String realmName = RealmFixtures.createRealm(kc, "scim-de");
        RealmResource realm = kc.admin().realm(realmName);
        enableGerman(realm);
        String password = "Passw0rd-de";
        createGermanRealmAdmin(realm, "scim-de", password);
        Properties german = ThemeMessages.load("de");

        try (HeadlessChromium browser = HeadlessChromium.start()) {
            Screenshots screenshots = new Screenshots(browser.driver(), "scim-endpoint-settings-german");
            DeclarativePage settings = AdminConsole.login(browser.driver(), kc.baseUrl(), realmName, "scim-de", password, screenshots)
                    .declarativePage(realmName, "scim-endpoint-settings");
            assertEquals(german.getProperty("scim-endpoint-settings"), settings.openList());
            DeclarativePage.Entry form = settings.add();
            assertEquals(german.getProperty("scimSettingsMaxPageSize"), form.label("max-page-size"));
            assertEquals(german.getProperty("scimSettingsAttributeMappingsHelp"), form.openHelp("attribute-mappings"));
            form.closeHelp();
            String refused = form.text("max-page-size", "0").saveRefused();
            screenshots.take("invalid-value-refused-german");
            assertTrue(refused.contains("Maximale Seitengröße: 0 ist keine ganze Zahl von 1 bis 10000."), refused);
        }
    }

    private static void enableGerman(RealmResource realm) {
        RealmRepresentation settings = realm.toRepresentation();
        settings.setInternationalizationEnabled(true);
        settings.setSupportedLocales(java.util.Set.of("en", "de", "fr"));
        settings.setDefaultLocale("en");
        realm.update(settings);
    }

    private static void createGermanRealmAdmin(RealmResource realm, String username, String password) {
        String id = RealmFixtures.createUser(realm, username, password, username + "@example.org", "Konsole", "Deutsch");
        UserResource user = realm.users().get(id);
        UserRepresentation representation = user.toRepresentation();
        representation.setAttributes(Map.of("locale", List.of("de")));
        user.update(representation);
        String realmManagement = realm.clients().findByClientId("realm-management").get(0).getId();
        RoleRepresentation realmAdmin = realm.clients().get(realmManagement).roles().get("realm-admin").toRepresentation();
        user.roles().clientLevel(realmManagement).add(List.of(realmAdmin));
    }
}
