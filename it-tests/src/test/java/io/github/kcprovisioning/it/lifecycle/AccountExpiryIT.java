package io.github.kcprovisioning.it.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kcprovisioning.it.harness.BrokerFixture;
import io.github.kcprovisioning.it.harness.BrowserSession;
import io.github.kcprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.harness.LoginResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.userprofile.config.UPConfig;

/**
 * Issue 9, stale JIT accounts: the {@code jit-account-expiry} mapper time-stamps logins through the IdP; the sweep (every 2 s in
 * this suite) disables accounts whose last login is older than the policy, ends nothing else, emits an admin event; the next
 * login through the IdP re-enables the account. Absence is simulated by back-dating the login time stamp.
 */
@KeycloakIntegrationTest
class AccountExpiryIT {
    private static final String LAST_LOGIN = "kcprov.jit.lastLogin.upstream-oidc";

    @Test
    void staleAccountIsDisabledAndReEnabledByItsNextLogin(KeycloakServer server) throws Exception {
        BrokerFixture broker = brokerWithExpiryPolicy(server, "30", "disable");
        RealmResource realm = broker.brokerRealmResource();
        broker.createUpstreamUser("dora", "dora-pw", "dora@example.org", "Dora", "Explorer");
        broker.createUpstreamUser("eve", "eve-pw", "eve@example.org", "Eve", "Recent");
        assertTrue(new BrowserSession(server).brokeredLogin(broker, "dora", "dora-pw").succeeded());
        assertTrue(new BrowserSession(server).brokeredLogin(broker, "eve", "eve-pw").succeeded());

        UserRepresentation dora = user(realm, "dora");
        Instant stamped = Instant.ofEpochMilli(Long.parseLong(dora.getAttributes().get(LAST_LOGIN).get(0)));
        assertTrue(Duration.between(stamped, Instant.now()).abs().toMinutes() < 5, "login time stamped: " + stamped);

        backdateLastLogin(realm, "dora", Duration.ofDays(40));
        backdateLastLogin(realm, "eve", Duration.ofDays(10));
        awaitTrue(() -> !user(realm, "dora").isEnabled(), "the sweep disables dora");

        assertTrue(user(realm, "eve").isEnabled(), "eve signed in 10 days ago: within the 30-day policy");
        AdminEventRepresentation event = realm.getAdminEvents().stream()
                .filter(e -> ("users/" + user(realm, "dora").getId()).equals(e.getResourcePath()))
                .filter(e -> "UPDATE".equals(e.getOperationType()))
                .findFirst().orElseThrow(() -> new AssertionError("no admin event for the sweep"));
        assertNull(event.getAuthDetails().getUserId(), "no admin did this");

        LoginResult again = new BrowserSession(server).brokeredLogin(broker, "dora", "dora-pw");
        assertTrue(again.succeeded(), () -> "re-enabled by login: " + again.errorMessage().orElse(again.page().text()));
        UserRepresentation back = user(realm, "dora");
        assertTrue(back.isEnabled());
        assertEquals(dora.getId(), back.getId(), "the same account, not a second one");
        assertFalse(back.getAttributes().containsKey("kcprov.jit.disabledBy"));
    }

    @Test
    void accountDisabledByAnAdminStaysDisabled(KeycloakServer server) {
        BrokerFixture broker = brokerWithExpiryPolicy(server, "30", "disable");
        RealmResource realm = broker.brokerRealmResource();
        broker.createUpstreamUser("frank", "frank-pw", "frank@example.org", "Frank", "Blocked");
        assertTrue(new BrowserSession(server).brokeredLogin(broker, "frank", "frank-pw").succeeded());
        UserRepresentation frank = user(realm, "frank");
        frank.setEnabled(false);
        realm.users().get(frank.getId()).update(frank);

        LoginResult login = new BrowserSession(server).brokeredLogin(broker, "frank", "frank-pw");

        assertFalse(login.succeeded());
        assertFalse(user(realm, "frank").isEnabled());
    }

    @Test
    void accountDisabledUnderTheFormerExpiryMarkIsStillReEnabledByLogin(KeycloakServer server) {
        BrokerFixture broker = brokerWithExpiryPolicy(server, "30", "disable");
        RealmResource realm = broker.brokerRealmResource();
        broker.createUpstreamUser("hugo", "hugo-pw", "hugo@example.org", "Hugo", "Legacy");
        assertTrue(new BrowserSession(server).brokeredLogin(broker, "hugo", "hugo-pw").succeeded());
        // as the sweep left accounts before its mark was renamed to kcprov.jit.disabledBy
        UserRepresentation hugo = user(realm, "hugo");
        hugo.setEnabled(false);
        hugo.getAttributes().put("kcprov.jit.expiredBy", List.of("upstream-oidc"));
        realm.users().get(hugo.getId()).update(hugo);

        LoginResult login = new BrowserSession(server).brokeredLogin(broker, "hugo", "hugo-pw");

        assertTrue(login.succeeded(), () -> "re-enabled by login: " + login.errorMessage().orElse(login.page().text()));
        UserRepresentation back = user(realm, "hugo");
        assertTrue(back.isEnabled());
        assertFalse(back.getAttributes().containsKey("kcprov.jit.expiredBy"), "the former mark is cleared");
    }

    @Test
    void deletePolicyRemovesTheStaleAccount(KeycloakServer server) throws Exception {
        BrokerFixture broker = brokerWithExpiryPolicy(server, "7", "delete");
        RealmResource realm = broker.brokerRealmResource();
        broker.createUpstreamUser("gina", "gina-pw", "gina@example.org", "Gina", "Gone");
        assertTrue(new BrowserSession(server).brokeredLogin(broker, "gina", "gina-pw").succeeded());

        backdateLastLogin(realm, "gina", Duration.ofDays(8));

        awaitTrue(() -> realm.users().searchByUsername("gina", true).isEmpty(), "the sweep deletes gina");
    }

    private static BrokerFixture brokerWithExpiryPolicy(KeycloakServer server, String days, String action) {
        BrokerFixture broker = BrokerFixture.oidc(server);
        RealmResource realm = broker.brokerRealmResource();
        RealmRepresentation settings = realm.toRepresentation();
        settings.setAdminEventsEnabled(true);
        settings.setAdminEventsDetailsEnabled(true);
        realm.update(settings);
        // lets the test back-date the time stamp through the admin API (the mapper itself writes it through the user model)
        UPConfig profile = realm.users().userProfile().getConfiguration();
        profile.setUnmanagedAttributePolicy(UPConfig.UnmanagedAttributePolicy.ENABLED);
        realm.users().userProfile().update(profile);

        IdentityProviderMapperRepresentation mapper = new IdentityProviderMapperRepresentation();
        mapper.setName("expire inactive accounts");
        mapper.setIdentityProviderMapper("jit-account-expiry");
        mapper.setConfig(Map.of("inactiveDays", days, "action", action, "syncMode", "INHERIT"));
        broker.addMapper(mapper);
        return broker;
    }

    private static void backdateLastLogin(RealmResource realm, String username, Duration ago) {
        UserRepresentation user = user(realm, username);
        assertNotNull(user.getAttributes().get(LAST_LOGIN), "login was time-stamped");
        user.getAttributes().put(LAST_LOGIN, List.of(String.format("%013d", Instant.now().minus(ago).toEpochMilli())));
        realm.users().get(user.getId()).update(user);
    }

    private static UserRepresentation user(RealmResource realm, String username) {
        List<UserRepresentation> found = realm.users().searchByUsername(username, true);
        assertEquals(1, found.size(), username);
        return realm.users().get(found.get(0).getId()).toRepresentation();
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Not within 30 s: " + what);
    }
}
