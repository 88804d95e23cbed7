package io.github.kcprovisioning.it.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kcprovisioning.it.browser.AdminConsole;
import io.github.kcprovisioning.it.browser.DeclarativePage;
import io.github.kcprovisioning.it.browser.HeadlessChromium;
import io.github.kcprovisioning.it.browser.ProvisioningConsolePage;
import io.github.kcprovisioning.it.browser.Screenshots;
import io.github.kcprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.harness.RealmFixtures;
import io.github.kcprovisioning.it.scim.ScimEndpointSettings;
import io.github.kcprovisioning.it.scim.ScimFixture;
import io.github.kcprovisioning.it.scim.ScimHttp;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.ComponentTypeRepresentation;
import org.keycloak.representations.idm.ConfigPropertyRepresentation;

/**
 * A realm administrator sets the realm's SCIM endpoint settings on the console page <em>Configure → SCIM endpoint</em>
 * (a declarative {@code UiPageProvider} page) in headless Chromium; the realm's SCIM endpoint follows them at once, the
 * status page shows them, and its link leads back to the entry.
 */
@KeycloakIntegrationTest
class ScimSettingsConsoleIT {

    private static final String PAGE = ScimEndpointSettings.PAGE;
    private static final String DEPARTMENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department";

    @Test
    void adminSetsPageSizeAndAMappingInTheConsoleAndTheRealmsScimEndpointFollows(KeycloakServer kc) {
        ScimFixture scim = ScimFixture.create(kc);
        scim.showUnmanagedAttributesToAdmins();
        String realmName = scim.realm();
        RealmResource realm = scim.realmResource();
        createRealmAdmin(realm, "ada");
        Properties english = ThemeMessages.load("en");
        ComponentTypeRepresentation page = kc.admin().serverInfo().getInfo().getComponentTypes().get(ScimEndpointSettings.PAGE_TYPE)
                .stream().filter(type -> PAGE.equals(type.getId())).findFirst().orElseThrow();

        try (HeadlessChromium browser = HeadlessChromium.start()) {
            Screenshots screenshots = new Screenshots(browser.driver(), "scim-endpoint-settings");
            DeclarativePage settings = AdminConsole.login(browser.driver(), kc.baseUrl(), realmName, "ada", "pw", screenshots)
                    .declarativePage(realmName, PAGE);
            assertEquals(english.getProperty(PAGE), settings.openList(), "page title");
            assertEquals(english.getProperty(PAGE), settings.navigationLabel(), "navigation entry under Configure");

            DeclarativePage.Entry form = settings.add();
            for (ConfigPropertyRepresentation field : page.getProperties()) {
                assertEquals(english.getProperty(field.getLabel()), form.label(field.getName()), "label of " + field.getName());
                assertEquals(english.getProperty(field.getHelpText()), form.openHelp(field.getName()), "help text of " + field.getName());
                form.closeHelp();
            }
            form.openHelp("attribute-mappings");
            screenshots.take("help-attribute-mappings");
            form.closeHelp();

            String refused = form.text("max-page-size", "0").saveRefused();
            screenshots.take("invalid-value-refused");
            assertTrue(refused.contains("Maximum page size: 0 is not a whole number from 1 to 10000."), refused);
            assertEquals(List.of(), ScimEndpointSettings.stored(realm), "nothing stored");

            form.closeAlerts().text("max-page-size", "2").lines("attribute-mappings", DEPARTMENT + "=orgUnit");
            screenshots.take("filled-in");
            form.save();
            screenshots.take("saved");

            List<ComponentRepresentation> stored = ScimEndpointSettings.stored(realm);
            assertEquals(1, stored.size());
            ComponentRepresentation saved = stored.get(0);
            assertEquals("2", saved.getConfig().getFirst("max-page-size"));
            assertEquals(List.of(DEPARTMENT + "=orgUnit"), saved.getConfig().get("attribute-mappings"));
            assertEquals("SCIM endpoint", saved.getName(), "the name field names the component");
            assertFalse(saved.getConfig().containsKey("realm") || saved.getConfig().containsKey("providerId"),
                    "the console's route parameters are not kept: " + saved.getConfig().keySet());

            // the realm's SCIM endpoint, over HTTP
            ScimHttp http = scim.http();
            assertEquals(2, http.get("/ServiceProviderConfig").assertStatus(200).json().at("/filter/maxResults").asInt());
            for (String name : List.of("ann", "ben", "cem")) {
                http.post("/Users", user(name)).assertStatus(201);
            }
            assertEquals(2, http.get("/Users?count=10").json().path("Resources").size(), "count cut to the maximum set in the console");
            ObjectNode dora = user("dora");
            dora.putObject(DEPARTMENT.substring(0, DEPARTMENT.lastIndexOf(':'))).put("department", "Research");
            String doraId = http.post("/Users", dora).assertStatus(201).json().path("id").asText();
            assertEquals(List.of("Research"), realm.users().get(doraId).toRepresentation().getAttributes().get("orgUnit"),
                    "department kept in the user attribute mapped in the console");

            settings.openList();
            assertEquals(List.of("SCIM endpoint", "true", "", "2"), settings.row("SCIM endpoint").subList(0, 4),
                    "list columns: name, enabled, required role, maximum page size");
            screenshots.take("list");

            // the status page shows the realm's settings and links back to the entry
            ProvisioningConsolePage status = ProvisioningConsolePage.openSignedIn(browser.driver(),
                    kc.realmUrl(realmName) + "/provisioning/console/");
            assertEquals("on", status.scimState());
            assertEquals(new ProvisioningConsolePage.Setting("2", "realm"), status.setting("provisioningConsoleMaxPageSize"));
            assertEquals(new ProvisioningConsolePage.Setting("2", "server"), status.setting("provisioningConsoleDefaultPageSize"),
                    "the server's default page size, cut to the realm's maximum");
            assertEquals("scim-provisioning", status.setting("provisioningConsoleRequiredRole").value());
            assertEquals("orgUnit", status.mappedAttribute(DEPARTMENT));
            status.scrollTo("scim");
            screenshots.take("status-page-settings");
            assertTrue(status.editSettingsLink().endsWith("/admin/" + realmName + "/console/#/" + realmName + "/page-section/" + PAGE
                    + "/" + saved.getId()), status.editSettingsLink());
            status.editSettings();
            DeclarativePage.Entry entry = settings.entryShown();
            assertEquals("2", entry.value("max-page-size"), "the link opens this realm's entry");

            // switched off in the console: 404 for every SCIM request, the status page says so
            entry.toggle("enabled", false).save();
            JsonNode off = http.get("/Users").assertError(404, null).json();
            assertEquals("SCIM is disabled for this realm", off.path("detail").asText());
            status = ProvisioningConsolePage.openSignedIn(browser.driver(), kc.realmUrl(realmName) + "/provisioning/console/");
            assertTrue(status.scimState().startsWith("off: switched off"), status.scimState());
            status.scrollTo("scim");
            screenshots.take("status-page-switched-off");
        }
    }

    private static ObjectNode user(String name) {
        ObjectNode user = ScimHttp.object();
        user.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User")
                .add("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
        user.put("userName", name);
        user.putArray("emails").addObject().put("value", name + "@example.org").put("primary", true);
        return user;
    }

    /** a user of the realm itself holding realm-management's realm-admin */
    private static void createRealmAdmin(RealmResource realm, String username) {
        String userId = RealmFixtures.createUser(realm, username, "pw", username + "@example.org", "Ada", "Admin");
        String managementId = realm.clients().findByClientId("realm-management").get(0).getId();
        ClientResource management = realm.clients().get(managementId);
        realm.users().get(userId).roles().clientLevel(managementId).add(List.of(management.roles().get("realm-admin").toRepresentation()));
    }
}
