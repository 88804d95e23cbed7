package io.github.kcprovisioning.it.ui;

import static io.github.kcprovisioning.it.sync.SyncFixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kcprovisioning.it.browser.HeadlessChromium;
import io.github.kcprovisioning.it.browser.ProvisioningConsolePage;
import io.github.kcprovisioning.it.browser.Screenshots;
import io.github.kcprovisioning.it.harness.DistributionProcess;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.harness.RealmFixtures;
import io.github.kcprovisioning.it.scim.ScimFixture;
import io.github.kcprovisioning.it.scim.ScimHttp;
import io.github.kcprovisioning.it.sync.InMemoryTargetTest;
import io.github.kcprovisioning.it.sync.SyncFixtures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.openqa.selenium.By;

/**
 * The sync status and SCIM settings page in a real headless Chromium: an administrator signs in (authorization code + PKCE
 * through the realm's {@code provisioning-console} client), watches deliveries and dead letters, replays, reconciles, and
 * manages a SCIM client's static tokens; every effect is checked against the target and the SCIM endpoint.
 */
class ProvisioningStatusPageIT extends InMemoryTargetTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void realmAdminWatchesSyncAndManagesScimTokens(KeycloakServer kc) {
        String realmName = RealmFixtures.createRealm(kc, "console");
        RealmResource realm = kc.admin().realm(realmName);
        assertConsoleClientCreatedWithTheRealm(realm, realmName);
        String targetId = SyncFixtures.addScimTarget(kc, realmName, scim.baseUrl(), Map.of());
        ScimFixture scimClient = ScimFixture.inRealm(kc, realmName);
        createRealmAdmin(realm, "ada");
        await("ada delivered", WAIT, () -> scim.userByName("ada") != null);

        try (HeadlessChromium browser = HeadlessChromium.start()) {
            Screenshots screenshots = new Screenshots(browser.driver(), "provisioning-status-page");
            ProvisioningConsolePage page = ProvisioningConsolePage.login(browser.driver(),
                    kc.realmUrl(realmName) + "/provisioning/console/", "ada", "pw", screenshots);

            // a user change is delivered and the page's counter moves
            long deliveredBefore = Long.parseLong(page.awaitTargetCell(targetId, "delivered", text -> Long.parseLong(text) >= 1));
            RealmFixtures.createUser(realm, "bob", "pw", "bob@example.org", "Bob", "B");
            page.awaitTargetCell(targetId, "delivered", text -> Long.parseLong(text) > deliveredBefore);
            assertTrue(scim.userByName("bob") != null, "bob on the target");
            screenshots.take("status-delivered");

            // the target refuses a change: a dead letter with the target's error, replayed from the page
            scim.fail("POST Users", 400, null, 1);
            RealmFixtures.createUser(realm, "carl", "pw", "carl@example.org", "Carl", "C");
            page.awaitTargetCell(targetId, "dead", "1"::equals);
            page.clickTargetAction(targetId, "dead-letters");
            String error = page.awaitFirstDeadLetterError();
            assertTrue(error.contains("HTTP 400"), error);
            assertTrue(page.targetCell(targetId, "last-error").contains("HTTP 400"), "last error shown in the row");
            screenshots.take("dead-letter");
            page.replayFirstDeadLetter();
            page.awaitTargetCell(targetId, "dead", "0"::equals);
            await("carl delivered after replay", WAIT, () -> scim.userByName("carl") != null);
            screenshots.take("replayed");

            // reconcile: the report counts what was queued, the progress bar fills as the queue drains
            page.clickTargetAction(targetId, "sync");
            String report = page.awaitSyncReport();
            assertTrue(report.contains("0 groups, 3 users, 0 memberships, 0 deprovisionings"), report);
            assertEquals(0, SyncFixtures.status(kc, realmName, targetId).path("pending").asLong(), "queue drained");
            screenshots.take("reconcile-report");

            // SCIM settings and static tokens: create (shown once), rotate, revoke
            page.scrollTo("scim");
            assertEquals(scimClient.scimUrl(), page.scimBaseUrl());
            screenshots.take("scim-settings");
            page.clickClientAction("scim-client", "create-token");
            String first = page.awaitNewToken(null);
            page.awaitTokenCount("scim-client", 1);
            ScimHttp.json(scimClient.scimUrl(), first).get("/Users").assertStatus(200);
            page.scrollTo("scim");
            screenshots.take("scim-token-created");

            page.clickClientAction("scim-client", "rotate");
            String second = page.awaitNewToken(first);
            assertNotEquals(first, second);
            // the page issues the new token, then revokes the old one
            await("old token revoked by the rotation", WAIT, () -> ScimHttp.json(scimClient.scimUrl(), first).get("/Users").status() == 401);
            page.awaitTokenCount("scim-client", 1);
            ScimHttp.json(scimClient.scimUrl(), second).get("/Users").assertStatus(200);
            page.scrollTo("scim");
            screenshots.take("scim-token-rotated");

            page.clickClientAction("scim-client", "revoke");
            page.awaitTokenCount("scim-client", 0);
            ScimHttp.json(scimClient.scimUrl(), second).get("/Users").assertStatus(401);
        }
    }

    /** a master administrator manages another realm's targets and, by the roles of its "<realm>-realm" client, its SCIM tokens */
    @Test
    void masterAdminManagesAnotherRealmsTargetsAndScimTokens(KeycloakServer kc) {
        String realmName = RealmFixtures.createRealm(kc, "console-master");
        String targetId = SyncFixtures.addScimTarget(kc, realmName, scim.baseUrl(), Map.of());
        ScimFixture scimClient = ScimFixture.inRealm(kc, realmName);
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            Screenshots screenshots = new Screenshots(browser.driver(), "provisioning-status-page-master");
            ProvisioningConsolePage page = ProvisioningConsolePage.login(browser.driver(),
                    kc.realmUrl("master") + "/provisioning/console/?realm=" + realmName,
                    DistributionProcess.ADMIN_USER, DistributionProcess.ADMIN_PASSWORD, screenshots);
            assertEquals("0", page.awaitTargetCell(targetId, "dead", "0"::equals));
            assertEquals(realmName, page.selectedRealm());
            assertEquals(scimClient.scimUrl(), page.scimBaseUrl());
            screenshots.take("status-of-another-realm");

            page.clickClientAction("scim-client", "create-token");
            String first = page.awaitNewToken(null);
            page.awaitTokenCount("scim-client", 1);
            page.clickClientAction("scim-client", "rotate");
            String second = page.awaitNewToken(first);
            await("old token revoked by the rotation", WAIT, () -> ScimHttp.json(scimClient.scimUrl(), first).get("/Users").status() == 401);
            page.awaitTokenCount("scim-client", 1);
            ScimHttp.json(scimClient.scimUrl(), second).get("/Users").assertStatus(200);
            page.scrollToTop();
            screenshots.take("scim-tokens-of-another-realm");
        }
    }

    /**
     * Renaming a realm moves the page's client to the new name (like Keycloak's own consoles), so that signing in still
     * works; a client whose redirect URIs an admin edited keeps them.
     */
    @Test
    void signInStillWorksAfterTheRealmIsRenamed(KeycloakServer kc) {
        String oldName = RealmFixtures.createRealm(kc, "console-rename");
        String targetId = SyncFixtures.addScimTarget(kc, oldName, scim.baseUrl(), Map.of());
        createRealmAdmin(kc.admin().realm(oldName), "ada");
        String newName = oldName + "-renamed";
        rename(kc, oldName, newName);
        ClientRepresentation moved = consoleClient(kc.admin().realm(newName));
        assertEquals("/realms/" + newName + "/provisioning/console/", moved.getBaseUrl());
        assertEquals(List.of("/realms/" + newName + "/provisioning/console/*"), moved.getRedirectUris());

        String editedName = RealmFixtures.createRealm(kc, "console-rename-edited");
        ClientRepresentation edited = consoleClient(kc.admin().realm(editedName));
        List<String> adminsRedirects = List.of("/realms/" + editedName + "/provisioning/console/*", "https://ops.example.org/provisioning/*");
        edited.setRedirectUris(adminsRedirects);
        kc.admin().realm(editedName).clients().get(edited.getId()).update(edited);
        rename(kc, editedName, editedName + "-renamed");
        ClientRepresentation kept = consoleClient(kc.admin().realm(editedName + "-renamed"));
        assertEquals(Set.copyOf(adminsRedirects), Set.copyOf(kept.getRedirectUris()), "an admin's redirect URIs are kept");
        assertEquals("/realms/" + editedName + "/provisioning/console/", kept.getBaseUrl());

        try (HeadlessChromium browser = HeadlessChromium.start()) {
            Screenshots screenshots = new Screenshots(browser.driver(), "provisioning-status-page-renamed");
            ProvisioningConsolePage page = ProvisioningConsolePage.login(browser.driver(),
                    kc.realmUrl(newName) + "/provisioning/console/", "ada", "pw", screenshots);
            assertEquals("0", page.awaitTargetCell(targetId, "dead", "0"::equals));
            assertEquals(kc.realmUrl(newName) + "/provisioning/scim/v2", page.scimBaseUrl());
            screenshots.take("renamed-realm");
        }
    }

    /** the connection test from each row: what the target answered (or that nothing answered), never the configured token */
    @Test
    void adminTestsEachTargetsConnectionFromItsRow(KeycloakServer kc) {
        String realmName = RealmFixtures.createRealm(kc, "console-test");
        String reachable = SyncFixtures.addScimTarget(kc, realmName, "in-memory", scim.baseUrl(), Map.of());
        String secret = "wrong-token-" + System.nanoTime();
        String rejected = SyncFixtures.addScimTarget(kc, realmName, "wrong-token", scim.baseUrl(), Map.of("bearerToken", secret));
        // nothing listens on port 1 of the loopback interface: the connection is refused
        String closed = SyncFixtures.addScimTarget(kc, realmName, "closed-port", "http://127.0.0.1:1/scim/v2", Map.of());
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            Screenshots screenshots = new Screenshots(browser.driver(), "provisioning-status-page-test");
            ProvisioningConsolePage page = ProvisioningConsolePage.login(browser.driver(),
                    kc.realmUrl("master") + "/provisioning/console/?realm=" + realmName,
                    DistributionProcess.ADMIN_USER, DistributionProcess.ADMIN_PASSWORD, screenshots);

            page.clickTargetAction(reachable, "test");
            ProvisioningConsolePage.ConnectionTest ok = page.awaitConnectionTest(reachable);
            assertTrue(ok.ok(), ok.text());
            assertTrue(ok.text().startsWith("OK (HTTP 200): ") && ok.text().contains("PATCH supported"), ok.text());

            page.clickTargetAction(rejected, "test");
            ProvisioningConsolePage.ConnectionTest refused = page.awaitConnectionTest(rejected);
            assertFalse(refused.ok(), refused.text());
            assertTrue(refused.text().startsWith("Failed (HTTP 401): "), refused.text());
            assertFalse(refused.text().contains(secret), "the token is never shown: " + refused.text());

            page.clickTargetAction(closed, "test");
            ProvisioningConsolePage.ConnectionTest unreachable = page.awaitConnectionTest(closed);
            assertFalse(unreachable.ok(), unreachable.text());
            assertTrue(unreachable.text().startsWith("Failed (no answer): ") && unreachable.text().contains("ConnectException"),
                    unreachable.text());

            // the results stay in their rows while the page keeps refreshing
            page.awaitRowRerendered(reachable);
            assertTrue(page.awaitConnectionTest(reachable).ok(), "still shown after a refresh");
            screenshots.take("connection-tests");
        }
    }

    @Test
    void aUserWithoutRealmManagementRolesSeesTheRefusalAndNoData(KeycloakServer kc) {
        String realmName = RealmFixtures.createRealm(kc, "console-denied");
        SyncFixtures.addScimTarget(kc, realmName, scim.baseUrl(), Map.of());
        RealmFixtures.createUser(kc.admin().realm(realmName), "pete", "pw", "pete@example.org", "Pete", "P");
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            Screenshots screenshots = new Screenshots(browser.driver(), "provisioning-status-page-denied");
            String notice = ProvisioningConsolePage.loginRefused(browser.driver(),
                    kc.realmUrl(realmName) + "/provisioning/console/", "pete", "pw", screenshots);
            assertTrue(notice.contains("HTTP 403"), notice);
            assertTrue(browser.driver().findElements(By.cssSelector("#targets tbody tr[data-target-id]")).isEmpty(), "no target shown");
            screenshots.take("refused");
        }
    }

    private static void rename(KeycloakServer kc, String realmName, String newName) {
        RealmRepresentation rename = new RealmRepresentation();
        rename.setRealm(newName);
        kc.admin().realm(realmName).update(rename);
    }

    private static ClientRepresentation consoleClient(RealmResource realm) {
        return realm.clients().findByClientId("provisioning-console").get(0);
    }

    /** created by the RealmPostCreateEvent listener, like Keycloak's own security-admin-console: public, code flow, PKCE */
    private static void assertConsoleClientCreatedWithTheRealm(RealmResource realm, String realmName) {
        List<ClientRepresentation> found = realm.clients().findByClientId("provisioning-console");
        assertEquals(1, found.size(), "provisioning-console in a new realm");
        ClientRepresentation client = found.get(0);
        assertTrue(client.isPublicClient());
        assertTrue(client.isStandardFlowEnabled());
        assertTrue(!client.isDirectAccessGrantsEnabled() && !client.isImplicitFlowEnabled());
        assertEquals("S256", client.getAttributes().get("pkce.code.challenge.method"));
        assertEquals(List.of("/realms/" + realmName + "/provisioning/console/*"), client.getRedirectUris());
    }

    /** a user of the realm itself holding realm-management's realm-admin (composite of view-realm, manage-realm, manage-clients, ...) */
    private static void createRealmAdmin(RealmResource realm, String username) {
        String userId = RealmFixtures.createUser(realm, username, "pw", username + "@example.org", "Ada", "Admin");
        String managementId = realm.clients().findByClientId("realm-management").get(0).getId();
        ClientResource management = realm.clients().get(managementId);
        realm.users().get(userId).roles().clientLevel(managementId).add(List.of(management.roles().get("realm-admin").toRepresentation()));
    }
}
