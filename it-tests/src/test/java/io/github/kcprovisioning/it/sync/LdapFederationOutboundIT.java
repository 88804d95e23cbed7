package io.github.kcprovisioning.it.sync;

import static io.github.kcprovisioning.it.sync.SyncFixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.harness.RealmFixtures;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.SynchronizationResultRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Users that LDAP user federation imports reach the SCIM target: Keycloak emits no event when a federation sync creates or
 * updates a local user, so the listener queues the provider's imported users after an admin-triggered sync, and pushes a
 * federated user when they log in (the lookup at login may have just imported them). A real LDAP server (UnboundID's
 * in-memory directory, in the test JVM) behind a real LDAP user-storage component, read-only with import, as usually set up.
 */
class LdapFederationOutboundIT extends InMemoryTargetTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String BASE = "dc=example,dc=org";
    private static final String PEOPLE = "ou=people," + BASE;
    private static final String BIND_DN = "cn=keycloak," + BASE;
    private static final String BIND_PASSWORD = "bind-secret";

    private InMemoryDirectoryServer ldap;

    @BeforeEach
    void startDirectory() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.addAdditionalBindCredentials(BIND_DN, BIND_PASSWORD);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0, null));
        ldap = new InMemoryDirectoryServer(config); // entryUUID, createTimestamp, modifyTimestamp are generated
        ldap.add("dn: " + BASE, "objectClass: top", "objectClass: domain", "dc: example");
        ldap.add("dn: " + PEOPLE, "objectClass: top", "objectClass: organizationalUnit", "ou: people");
        ldap.startListening();
    }

    @AfterEach
    void stopDirectory() {
        ldap.shutDown(true);
    }

    @Test
    void usersImportedBySyncOrAtLoginArePushedAndDirectoryChangesAndRemovalsFollow(KeycloakServer kc) throws Exception {
        String realmName = RealmFixtures.createRealm(kc, "ldap");
        RealmResource realm = kc.admin().realm(realmName);
        SyncFixtures.addScimTarget(kc, realmName, scim.baseUrl(), Map.of());
        addPerson("lena", "Lena", "Lindqvist", "lena@example.org");
        addPerson("omar", "Omar", "Okafor", "omar@example.org");
        String storageId = addLdapFederation(kc, realm);

        SynchronizationResultRepresentation full = realm.userStorage().syncUsers(storageId, "triggerFullSync");
        assertEquals(2, full.getAdded(), "both directory users imported");
        await("lena and omar on the target", WAIT, () -> scim.userByName("lena") != null && scim.userByName("omar") != null);
        ObjectNode lena = scim.userByName("lena");
        assertEquals(localId(realm, "lena"), lena.path("externalId").asText());
        assertEquals("lena@example.org", lena.path("emails").get(0).path("value").asText());
        assertEquals("Lindqvist", lena.path("name").path("familyName").asText());

        ldap.modify("uid=lena," + PEOPLE, new Modification(ModificationType.REPLACE, "sn", "Larsson"),
                new Modification(ModificationType.REPLACE, "mail", "lena.larsson@example.org"));
        realm.userStorage().syncUsers(storageId, "triggerChangedUsersSync");
        await("lena's directory change on the target", WAIT, () -> "Larsson".equals(
                scim.userByName("lena").path("name").path("familyName").asText()));
        assertEquals("lena.larsson@example.org", scim.userByName("lena").path("emails").get(0).path("value").asText());

        addPerson("max", "Max", "Mustermann", "max@example.org");
        assertNull(scim.userByName("max"));
        try (Keycloak asMax = Keycloak.getInstance(kc.baseUrl(), realmName, "max", "max-pw", "admin-cli")) {
            assertNotNull(asMax.tokenManager().getAccessTokenString(), "max signs in with the LDAP password");
        }
        await("max, imported at his first login, on the target", WAIT, () -> scim.userByName("max") != null);
        assertEquals(localId(realm, "max"), scim.userByName("max").path("externalId").asText());
        assertEquals(1, scim.requests().stream().filter(r -> r.method().equals("POST") && r.path().equals("Users")
                && r.body().contains("\"lena\"")).count(), "a re-sync updates lena, never creates her twice");

        String omarId = localId(realm, "omar");
        ldap.delete("uid=omar," + PEOPLE);
        realm.clearUserCache(); // a cached user is served without asking the directory
        assertThrows(NotFoundException.class, () -> realm.users().get(omarId).toRepresentation(),
                "the lookup finds omar gone from the directory and Keycloak removes its copy (remove invalid users)");
        await("omar deleted on the target", WAIT, () -> scim.userByName("omar") == null);
    }

    private void addPerson(String uid, String givenName, String surname, String mail) throws Exception {
        ldap.add("dn: uid=" + uid + "," + PEOPLE, "objectClass: top", "objectClass: person", "objectClass: organizationalPerson",
                "objectClass: inetOrgPerson", "uid: " + uid, "cn: " + givenName + " " + surname, "givenName: " + givenName,
                "sn: " + surname, "mail: " + mail, "userPassword: " + uid + "-pw");
    }

    /** An LDAP user-storage component as the admin console creates it: read-only, users imported, default mappers. */
    private String addLdapFederation(KeycloakServer kc, RealmResource realm) {
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        Map.ofEntries(
                Map.entry("enabled", "true"),
                Map.entry("priority", "0"),
                Map.entry("vendor", "other"),
                Map.entry("connectionUrl", "ldap://127.0.0.1:" + ldap.getListenPort()),
                Map.entry("bindDn", BIND_DN),
                Map.entry("bindCredential", BIND_PASSWORD),
                Map.entry("authType", "simple"),
                Map.entry("usersDn", PEOPLE),
                Map.entry("usernameLDAPAttribute", "uid"),
                Map.entry("rdnLDAPAttribute", "uid"),
                Map.entry("uuidLDAPAttribute", "entryUUID"),
                Map.entry("userObjectClasses", "inetOrgPerson, organizationalPerson"),
                Map.entry("searchScope", "1"),
                Map.entry("editMode", "READ_ONLY"),
                Map.entry("importEnabled", "true"),
                Map.entry("syncRegistrations", "false"),
                Map.entry("pagination", "false"),
                Map.entry("trustEmail", "true"),
                Map.entry("fullSyncPeriod", "-1"),
                Map.entry("changedSyncPeriod", "-1"),
                Map.entry("removeInvalidUsersEnabled", "true"),
                Map.entry("cachePolicy", "DEFAULT")).forEach((key, value) -> config.put(key, List.of(value)));
        ComponentRepresentation component = new ComponentRepresentation();
        component.setName("directory");
        component.setProviderId("ldap");
        component.setProviderType("org.keycloak.storage.UserStorageProvider");
        component.setParentId(realm.toRepresentation().getId());
        component.setConfig(config);
        try (Response response = realm.components().add(component)) {
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    private static String localId(RealmResource realm, String username) {
        List<UserRepresentation> users = realm.users().searchByUsername(username, true);
        assertEquals(1, users.size(), username);
        return users.get(0).getId();
    }
}
