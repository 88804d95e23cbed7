package io.github.kcprovisioning.it.ui;

import static io.github.kcprovisioning.it.sync.SyncFixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcprovisioning.it.browser.AdminConsole;
import io.github.kcprovisioning.it.browser.DeclarativePage;
import io.github.kcprovisioning.it.browser.HeadlessChromium;
import io.github.kcprovisioning.it.browser.Screenshots;
import io.github.kcprovisioning.it.harness.DistributionProcess;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.harness.RealmFixtures;
import io.github.kcprovisioning.it.sync.InMemoryScimServer;
import io.github.kcprovisioning.it.sync.InMemoryTargetTest;
import io.github.kcprovisioning.it.sync.SyncFixtures;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.ComponentTypeRepresentation;
import org.keycloak.representations.idm.ConfigPropertyRepresentation;

/**
 * An admin manages outbound SCIM targets on the console page <em>Configure → Outbound SCIM targets</em> (a declarative
 * {@code UiPageProvider} page) in headless Chromium: the entry saved there is a target the drainer delivers to.
 */
class OutboundTargetsConsoleIT extends InMemoryTargetTest {

    private static final String PAGE = "scim-target";
    private static final String PAGE_TYPE = "org.keycloak.services.ui.extend.UiPageProvider";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void everyFieldShowsItsLabelAndHelpTextFromTheEnglishBundleAndAnInvalidTargetIsRefused(KeycloakServer kc) {
        String realm = RealmFixtures.createRealm(kc, "targets-labels");
        Properties english = ThemeMessages.load("en");
        ComponentTypeRepresentation page = kc.admin().serverInfo().getInfo().getComponentTypes().get(PAGE_TYPE).stream()
                .filter(type -> PAGE.equals(type.getId())).findFirst().orElseThrow();
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            Screenshots screenshots = new Screenshots(browser.driver(), "outbound-targets-labels");
            DeclarativePage targets = login(kc, browser, screenshots).declarativePage(realm, PAGE);

            assertEquals(english.getProperty(PAGE), targets.openList(), "page title");
            assertEquals(english.getProperty(PAGE), targets.navigationLabel(), "navigation entry under Configure");
            DeclarativePage.Entry form = targets.add();
            for (ConfigPropertyRepresentation field : page.getProperties()) {
                assertEquals(english.getProperty(field.getLabel()), form.label(field.getName()), "label of " + field.getName());
                assertEquals(english.getProperty(field.getHelpText()), form.openHelp(field.getName()), "help text of " + field.getName());
                form.closeHelp();
            }
            form.openHelp("groupMode");
            screenshots.take("help-text-nested-groups");
            form.closeHelp();

            String refused = form.text("name", "broken").text("baseUrl", "ftp://files.example.com").saveRefused();
            screenshots.take("invalid-target-refused");
            assertTrue(refused.contains("baseUrl must be an http(s) URL"), refused);
        }
        RealmResource resource = kc.admin().realm(realm);
        assertEquals(List.of(), resource.components().query(resource.toRepresentation().getId(), PAGE_TYPE), "nothing stored");
    }

    @Test
    void targetAddedInTheConsoleReceivesChangesAndIsDisabledAndDeletedThere(KeycloakServer kc) {
        String realmName = RealmFixtures.createRealm(kc, "targets-console");
        RealmResource realm = kc.admin().realm(realmName);
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            Screenshots screenshots = new Screenshots(browser.driver(), "outbound-targets");
            DeclarativePage targets = login(kc, browser, screenshots).declarativePage(realmName, PAGE);
            targets.openList();
            screenshots.take("empty-list");

            DeclarativePage.Entry form = targets.add()
                    .text("name", "crm")
                    .text("baseUrl", scim.baseUrl())
                    .option("authType", "BEARER")
                    .text("bearerToken", InMemoryScimServer.TOKEN)
                    .option("deprovision", "DEACTIVATE");
            screenshots.take("new-target-filled-in");
            form.save();
            screenshots.take("new-target-saved");

            ComponentRepresentation saved = onlyTarget(realm);
            assertEquals("crm", saved.getName(), "the entry's name field names the component");
            assertEquals(scim.baseUrl(), saved.getConfig().getFirst("baseUrl"));
            assertEquals("DEACTIVATE", saved.getConfig().getFirst("deprovision"));
            assertEquals("**********", saved.getConfig().getFirst("bearerToken"), "the token is a secret: masked by the admin API");
            assertFalse(saved.getConfig().containsKey("realm") || saved.getConfig().containsKey("providerId"),
                    "the console's route parameters are not kept: " + saved.getConfig().keySet());
            assertTrue(realm.toRepresentation().getEventsListeners().contains("provisioning-outbound"),
                    "the first target switches the event listener on, as for targets added through the REST API");

            targets.openList();
            List<String> row = targets.row("crm");
            assertEquals(List.of("crm", scim.baseUrl(), "true"), row.subList(0, 3), "list columns: name, base URL, enabled");
            screenshots.take("list-with-target");

            RealmFixtures.createUser(realm, "alice", "pw", "alice@example.org", "Alice", "Liddell");
            await("alice delivered to the target added in the console", WAIT, () -> scim.userByName("alice") != null);

            JsonNode test = SyncFixtures.call(kc, "POST", realmName, "targets/" + saved.getId() + "/test");
            assertTrue(test.path("ok").asBoolean(), test.toString());
            assertEquals(200, test.path("status").asInt());
            assertTrue(test.path("detail").asText().contains("PATCH supported"), test.toString());
            assertEquals(1, scim.requests().stream().filter(r -> r.path().equals("ServiceProviderConfig")).count());

            targets.edit("crm").toggle("enabled", false).save();
            screenshots.take("target-disabled");
            assertEquals("false", onlyTarget(realm).getConfig().getFirst("enabled"));
            assertFalse(SyncFixtures.status(kc, realmName, saved.getId()).path("enabled").asBoolean(true));
            RealmFixtures.createUser(realm, "bob", "pw", "bob@example.org", "Bob", "Dylan");
            await("bob queued for the disabled target", WAIT,
                    () -> SyncFixtures.status(kc, realmName, saved.getId()).path("pending").asLong() >= 1);
            sleep(Duration.ofSeconds(3));
            assertNull(scim.userByName("bob"), "a disabled target receives nothing");

            targets.openList();
            targets.edit("crm").delete();
            screenshots.take("target-deleted");
            assertTrue(targets.lacks("crm"));
            assertEquals(List.of(), realm.components().query(realm.toRepresentation().getId(), PAGE_TYPE));
            assertEquals(0, SyncFixtures.call(kc, "GET", realmName, "targets").size(), "no target left");
        }
    }

    /** The connection test reports failures with their cause and never echoes the configured credentials. */
    @Test
    void connectionTestReportsARejectedTokenAndAnUnreachableTarget(KeycloakServer kc) throws Exception {
        String realm = RealmFixtures.createRealm(kc, "targets-test");
        String secret = "wrong-token-" + System.nanoTime();
        String id = SyncFixtures.addScimTarget(kc, realm, scim.baseUrl(), Map.of("bearerToken", secret));

        JsonNode rejected = SyncFixtures.call(kc, "POST", realm, "targets/" + id + "/test");
        assertFalse(rejected.path("ok").asBoolean(true), rejected.toString());
        assertEquals(401, rejected.path("status").asInt());
        assertFalse(rejected.toString().contains(secret), "the token is never echoed: " + rejected);

        scim.down();
        JsonNode unreachable = SyncFixtures.call(kc, "POST", realm, "targets/" + id + "/test");
        assertFalse(unreachable.path("ok").asBoolean(true), unreachable.toString());
        assertTrue(unreachable.path("status").isNull() || unreachable.path("status").isMissingNode(), unreachable.toString());
        assertTrue(unreachable.path("detail").asText().contains("ConnectException"), unreachable.toString());

        HttpResponse<String> anonymous = SyncFixtures.raw(kc, "POST", realm, "targets/" + id + "/test", null);
        assertEquals(401, anonymous.statusCode(), "admins only");
    }

    private static AdminConsole login(KeycloakServer kc, HeadlessChromium browser, Screenshots screenshots) {
        return AdminConsole.login(browser.driver(), kc.baseUrl(), "master", DistributionProcess.ADMIN_USER,
                DistributionProcess.ADMIN_PASSWORD, screenshots);
    }

    private static ComponentRepresentation onlyTarget(RealmResource realm) {
        List<ComponentRepresentation> pageEntries = realm.components().query(realm.toRepresentation().getId(), PAGE_TYPE);
        assertEquals(1, pageEntries.size(), "entries of the targets page");
        assertEquals(PAGE, pageEntries.get(0).getProviderId());
        return pageEntries.get(0);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
