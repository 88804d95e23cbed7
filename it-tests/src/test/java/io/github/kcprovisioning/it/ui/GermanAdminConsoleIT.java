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
import java.util.function.BiConsumer;
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

    private static final Properties GERMAN = ThemeMessages.load("de");
    private static final String PASSWORD = "Passw0rd-de";

    @Test
    void mapperFieldLabelsAndHelpAreGerman(KeycloakServer kc) {
        BrokerFixture broker = BrokerFixture.oidc(kc);
        RealmResource realm = broker.brokerRealmResource();
        enableGerman(realm);
        createGermanRealmAdmin(realm, "konsole-de", PASSWORD);

        try (HeadlessChromium browser = HeadlessChromium.start()) {
            Screenshots screenshots = new Screenshots(browser.driver(), "jit-mapper-german");
            AdminConsole console = AdminConsole.login(browser.driver(), kc.baseUrl(), broker.brokerRealm(), "konsole-de", PASSWORD,
                    screenshots);
            console.openIdentityProviderMappers(broker.brokerRealm(), "keycloak-oidc", broker.idpAlias());
            MapperForm form = console.addIdentityProviderMapper("jit-external-groups");

            assertEquals(GERMAN.getProperty("jitGroupsClaim"), form.label("claim"));
            assertEquals(GERMAN.getProperty("jitGroupsRoot"), form.label("root.group"));
            assertEquals(GERMAN.getProperty("jitGroupsRootHelp"), form.openHelp("root.group"));
            screenshots.take("add-mapper-form-german");
        }
    }

    @Test
    void outboundTargetsPageIsGerman(KeycloakServer kc) {
        onGermanDeclarativePage(kc, "ziele-de", "scim-target", "outbound-targets-german", (targets, screenshots) -> {
            assertEquals(GERMAN.getProperty("scim-target"), targets.openList());
            DeclarativePage.Entry form = targets.add();
            assertEquals(GERMAN.getProperty("outboundBaseUrl"), form.label("baseUrl"));
            assertEquals(GERMAN.getProperty("outboundDeprovision"), form.label("deprovision"));
            assertEquals(GERMAN.getProperty("outboundDeprovisionHelp"), form.openHelp("deprovision"));
            screenshots.take("new-target-german");
        });
    }

    /** the SCIM endpoint settings page, and the reason Keycloak gives for refusing a value: German, with the German label */
    @Test
    void scimEndpointSettingsPageAndItsRefusalAreGerman(KeycloakServer kc) {
        onGermanDeclarativePage(kc, "scim-de", "scim-endpoint-settings", "scim-endpoint-settings-german", (settings, screenshots) -> {
            assertEquals(GERMAN.getProperty("scim-endpoint-settings"), settings.openList());
            DeclarativePage.Entry form = settings.add();
            assertEquals(GERMAN.getProperty("scimSettingsMaxPageSize"), form.label("max-page-size"));
            assertEquals(GERMAN.getProperty("scimSettingsAttributeMappingsHelp"), form.openHelp("attribute-mappings"));
            form.closeHelp();
            String refused = form.text("max-page-size", "0").saveRefused();
            screenshots.take("invalid-value-refused-german");
            assertTrue(refused.contains("Maximale Seitengröße: 0 ist keine ganze Zahl von 1 bis 10000."), refused);
        });
    }

    /**
     * Runs {@code check} on one of our admin-console pages (a {@code UiPageProvider} id), as seen by a German-speaking admin of
     * a new realm named after {@code realmPrefix}; the admin's username is {@code realmPrefix} too.
     */
    private static void onGermanDeclarativePage(KeycloakServer kc, String realmPrefix, String pageId, String screenshotsFolder,
                                                BiConsumer<DeclarativePage, Screenshots> check) {
        String realmName = RealmFixtures.createRealm(kc, realmPrefix);
        RealmResource realm = kc.admin().realm(realmName);
        enableGerman(realm);
        createGermanRealmAdmin(realm, realmPrefix, PASSWORD);

        try (HeadlessChromium browser = HeadlessChromium.start()) {
            Screenshots screenshots = new Screenshots(browser.driver(), screenshotsFolder);
            DeclarativePage page = AdminConsole.login(browser.driver(), kc.baseUrl(), realmName, realmPrefix, PASSWORD, screenshots)
                    .declarativePage(realmName, pageId);
            check.accept(page, screenshots);
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
