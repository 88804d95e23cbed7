package io.github.kcprovisioning.sync.scim;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kcprovisioning.sync.target.DeliveryException;

/** Produces the Authorization header for a target's requests. */
final class ScimAuthenticator {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** renew a little before expiry so a token never expires in flight */
    private static final long EXPIRY_MARGIN_SECONDS = 30;

    private final ScimTargetConfig config;
    private final Secrets secrets;
    private final HttpClient http;
    private final TokenCache tokens;
    private final String cacheKey;

    /** resolves vault references like ${vault.key} */
    interface Secrets {
        String resolve(String value);
    }

    ScimAuthenticator(String targetId, ScimTargetConfig config, Secrets secrets, HttpClient http, TokenCache tokens) {
        this.config = config;
        this.secrets = secrets;
        this.http = http;
        this.tokens = tokens;
        this.cacheKey = targetId + '|' + config.tokenUrl() + '|' + config.clientId();
    }

    /** null when the target takes no authentication */
    String header() throws DeliveryException {
        return switch (config.authType()) {
            case BEARER -> "Bearer " + secrets.resolve(config.bearerToken());
            case BASIC -> "Basic " + Base64.getEncoder().encodeToString(
                    (config.username() + ':' + secrets.resolve(config.password())).getBytes(StandardCharsets.UTF_8));
            case OAUTH2_CLIENT_CREDENTIALS -> "Bearer " + accessToken();
            case NONE -> null;
        };
    }

    /** after a 401: the cached token may have been revoked */
    void forgetToken() {
        tokens.invalidate(cacheKey);
    }

    private String accessToken() throws DeliveryException {
        Instant now = Instant.now();
        String cached = tokens.get(cacheKey, now);
        if (cached != null) {
            return cached;
        }
        String form = "grant_type=client_credentials"
                + (config.oauthScope() == null || config.oauthScope().isBlank() ? "" : "&scope=" + encode(config.oauthScope()));
        String basic = Base64.getEncoder().encodeToString(
                (encode(config.clientId()) + ':' + encode(secrets.resolve(config.clientSecret()))).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(config.tokenUrl())
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                String message = "token endpoint answered " + response.statusCode();
                if (response.statusCode() >= 500 || response.statusCode() == 429) {
                    throw DeliveryException.retryable(message, null, null);
                }
                throw DeliveryException.hopeless(message + " (check client id/secret)");
            }
            JsonNode body = JSON.readTree(response.body());
            String token = body.path("access_token").asText(null);
            if (token == null) {
                throw DeliveryException.hopeless("token endpoint answered without access_token");
            }
            long expiresIn = body.path("expires_in").asLong(300);
            tokens.put(cacheKey, token, now.plusSeconds(Math.max(0, expiresIn - EXPIRY_MARGIN_SECONDS)));
            return token;
        } catch (IOException e) {
            throw DeliveryException.retryable("token endpoint unreachable: " + e.getClass().getSimpleName(), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryException.retryable("interrupted", null, e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
