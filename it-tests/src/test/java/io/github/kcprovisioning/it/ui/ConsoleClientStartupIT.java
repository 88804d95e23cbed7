package io.github.kcprovisioning.it.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.kcprovisioning.it.harness.ExtraNode;
import io.github.kcprovisioning.it.harness.NodeDatabase;
import io.github.kcprovisioning.it.harness.RealmFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;

/**
 * The status page's {@code provisioning-console} client is created at start-up in existing realms that lack it (like
 * Keycloak's own {@code security-admin-console}), and a client an admin edited is left as it is. Runs its own node on its own
 * PostgreSQL database ({@code kc_console}), stopped and started again, so the shared test server is not disturbed.
 */
class ConsoleClientStartupIT {

    private static final String CLIENT_ID = "provisioning-console";

    @Test
    void startUpRestoresAMissingClientAndKeepsAnEditedOne() {
        assumeTrue(NodeDatabase.available(), "needs PostgreSQL (mvn verify -Ppostgres): the restarted node must reopen the first "
                + "node's database, which the shared test server's embedded H2 does not allow");
        try (NodeDatabase database = NodeDatabase.create("kc_console")) {
            String restored;
            String edited;
            List<String> adminsRedirects;
            ExtraNode first = ExtraNode.start("console", database);
            try {
                restored = RealmFixtures.createRealm(first, "restored");
                RealmResource restoredRealm = first.admin().realm(restored);
                restoredRealm.clients().get(consoleClient(restoredRealm).getId()).remove();
                assertTrue(restoredRealm.clients().findByClientId(CLIENT_ID).isEmpty(), "deleted before the restart");

                edited = RealmFixtures.createRealm(first, "edited");
                RealmResource editedRealm = first.admin().realm(edited);
                ClientRepresentation client = consoleClient(editedRealm);
                adminsRedirects = List.of("https://ops.example.org/provisioning/*");
                client.setRedirectUris(adminsRedirects);
                editedRealm.clients().get(client.getId()).update(client);
            } finally {
                first.close();
            }

            ExtraNode restarted = ExtraNode.start("console", database);
            try {
                ClientRepresentation back = consoleClient(restarted.admin().realm(restored));
                assertTrue(back.isPublicClient() && back.isStandardFlowEnabled(), "a public code-flow client");
                assertEquals("S256", back.getAttributes().get("pkce.code.challenge.method"));
                assertEquals("/realms/" + restored + "/provisioning/console/", back.getBaseUrl());
                assertEquals(List.of("/realms/" + restored + "/provisioning/console/*"), back.getRedirectUris());

                assertEquals(adminsRedirects, consoleClient(restarted.admin().realm(edited)).getRedirectUris(),
                        "the admin's redirect URI survives the restart");
            } finally {
                restarted.close();
            }
        }
    }

    private static ClientRepresentation consoleClient(RealmResource realm) {
        List<ClientRepresentation> found = realm.clients().findByClientId(CLIENT_ID);
        assertEquals(1, found.size(), CLIENT_ID + " in realm " + realm.toRepresentation().getRealm());
        return found.get(0);
    }
}
