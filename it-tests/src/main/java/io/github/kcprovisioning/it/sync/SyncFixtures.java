package io.github.kcprovisioning.it.sync;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.ComponentRepresentation;

/** Outbound-target setup and the outbound admin API, for the sync integration tests. */
public final class SyncFixtures {

    public static final String TARGET_TYPE = "io.github.kcprovisioning.sync.target.OutboundTargetProvider";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SyncFixtures() {
    }

    /** a scim-target on {@code scim}, with fast retries for tests; {@code extra} overrides or adds config */
    public static String addScimTarget(KeycloakServer kc, String realm, String baseUrl, Map<String, String> extra) {
        return addScimTarget(kc, realm, "scim-" + realm, baseUrl, extra);
    }

    public static String addScimTarget(KeycloakServer kc, String realm, String name, String baseUrl, Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(Map.of(
                "baseUrl", baseUrl,
                "authType", "BEARER",
                "bearerToken", InMemoryScimServer.TOKEN,
                "backoffBaseMillis", "200",
                "backoffCapMillis", "2000",
                "requestTimeoutMillis", "2000"));
        config.putAll(extra);
        ComponentRepresentation target = new ComponentRepresentation();
        target.setName(name);
        target.setProviderId("scim-target");
        target.setProviderType(TARGET_TYPE);
        target.setParentId(kc.admin().realm(realm).toRepresentation().getId());
        MultivaluedHashMap<String, String> multi = new MultivaluedHashMap<>();
        config.forEach(multi::putSingle);
        target.setConfig(multi);
        try (Response response = kc.admin().realm(realm).components().add(target)) {
            if (response.getStatus() != 201) {
                throw new IllegalStateException("target not created: HTTP " + response.getStatus() + " " + response.readEntity(String.class));
            }
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    public static JsonNode status(KeycloakServer kc, String realm, String targetId) {
        return call(kc, "GET", realm, "targets/" + targetId);
    }

    public static JsonNode deadLetters(KeycloakServer kc, String realm, String targetId) {
        return call(kc, "GET", realm, "targets/" + targetId + "/dead-letters");
    }

    public static JsonNode call(KeycloakServer kc, String method, String realm, String path) {
        HttpResponse<String> response = raw(kc, method, realm, path, kc.admin().tokenManager().getAccessTokenString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(method + " " + path + ": HTTP " + response.statusCode() + " " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static HttpResponse<String> raw(KeycloakServer kc, String method, String realm, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(kc.baseUrl() + "/admin/realms/" + realm + "/provisioning-outbound/" + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** polls until the condition holds; fails with {@code what} after the timeout */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for: " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    public static List<String> requestLines(InMemoryScimServer scim) {
        return scim.requests().stream().map(r -> r.method() + " " + r.path() + " -> " + r.status()).toList();
    }
}
