package io.github.kcprovisioning.it.sync;

import static io.github.kcprovisioning.it.sync.SyncFixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.harness.RealmFixtures;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;

/** Each target's figures are Micrometer meters on Keycloak's metrics endpoint (management port, /metrics). */
class OutboundMetricsIT extends InMemoryTargetTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void figuresMoveWithDeliveriesRetriesAndDeadLetters(KeycloakServer kc) {
        assumeTrue(kc.managementUrl().isPresent(), "this mode does not expose the management interface");
        String realmName = RealmFixtures.createRealm(kc, "metrics");
        RealmResource realm = kc.admin().realm(realmName);
        String targetId = SyncFixtures.addScimTarget(kc, realmName, scim.baseUrl(), Map.of("maxAttempts", "50"));

        RealmFixtures.createUser(realm, "mia", "pw", "mia@example.org", "Mia", "M");
        await("mia delivered and counted", WAIT, () -> scim.userByName("mia") != null
                && metric(kc, "provisioning_outbound_delivered_total", targetId) == 1);

        // the next user waits: a run of 503s, then a 400 that makes it a dead letter
        scim.fail("POST Users", 503, null, 12);
        scim.fail("POST Users", 400, null, 1);
        RealmFixtures.createUser(realm, "ned", "pw", "ned@example.org", "Ned", "N");
        await("one pending change, at least a second old, with failed attempts", WAIT, () ->
                metric(kc, "provisioning_outbound_queue_depth", targetId) == 1
                        && metric(kc, "provisioning_outbound_oldest_pending_seconds", targetId) >= 1
                        && metric(kc, "provisioning_outbound_failed_attempts_total", targetId) >= 1);
        await("dead letter counted, queue empty again", WAIT, () ->
                metric(kc, "provisioning_outbound_dead_letters_total", targetId) == 1
                        && metric(kc, "provisioning_outbound_queue_depth", targetId) == 0
                        && metric(kc, "provisioning_outbound_oldest_pending_seconds", targetId) == 0);
        assertEquals(1, SyncFixtures.status(kc, realmName, targetId).path("deadLetters").asLong());
        assertEquals(1, metric(kc, "provisioning_outbound_delivered_total", targetId), "the dead letter is not counted as delivered");
    }

    /** the value of a meter for one target in the Prometheus text format; 0 when the series does not exist (yet) */
    private static double metric(KeycloakServer kc, String name, String targetId) {
        String label = "target=\"" + targetId + "\"";
        for (String line : scrape(kc).split("\n")) {
            if (line.startsWith(name + "{") && line.contains(label)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    private static String scrape(KeycloakServer kc) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(kc.managementUrl().orElseThrow() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /metrics: HTTP " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
