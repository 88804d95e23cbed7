package io.github.kcprovisioning.sync.scim;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.utils.JsonUtils;
import io.github.kcprovisioning.sync.target.DeliveryException;

/** The HTTP side of a SCIM target: one request, one classified answer. */
final class ScimClient {

    static final String SCIM_JSON = "application/scim+json";

    record Response(int status, JsonNode body, Optional<Duration> retryAfter) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final ScimTargetConfig config;
    private final HttpClient http;
    private final ScimAuthenticator authenticator;

    ScimClient(ScimTargetConfig config, HttpClient http, ScimAuthenticator authenticator) {
        this.config = config;
        this.http = http;
        this.authenticator = authenticator;
    }

    Response get(String path) throws DeliveryException {
        return send("GET", path, null);
    }

    /** id of the first resource at {@code collection} (Users/Groups) with {@code attribute eq value} */
    Optional<String> findId(String collection, String attribute, String value) throws DeliveryException {
        Response response = search(collection, eq(attribute, value));
        if (!response.ok()) {
            throw failure(response, "search " + collection + " by " + attribute);
        }
        return firstId(response);
    }

    /**
     * Whether the group already lists the member, so that a retried or re-synced add does not duplicate it on targets
     * that append blindly. Empty when the target cannot answer that filter: then the caller just adds.
     */
    Optional<Boolean> isMember(String groupId, String memberId) throws DeliveryException {
        Response response = search("Groups", Filter.and(eq("id", groupId), eq("members.value", memberId)));
        if (response.status() >= 400 && response.status() < 500 && response.status() != 401 && response.status() != 429) {
            return Optional.empty();
        }
        if (!response.ok()) {
            throw failure(response, "check membership in group " + groupId);
        }
        return Optional.of(firstId(response).isPresent());
    }

    private Response search(String collection, Filter filter) throws DeliveryException {
        return get(collection + "?attributes=id&filter=" + URLEncoder.encode(filter.toString(), StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /** our attribute names are constants, so a parse failure is a bug, not bad input */
    private static Filter eq(String attribute, String value) {
        try {
            return Filter.eq(attribute, value);
        } catch (BadRequestException e) {
            throw new IllegalArgumentException(attribute, e);
        }
    }

    private static Optional<String> firstId(Response response) {
        for (JsonNode resource : response.body().path("Resources")) {
            String id = resource.path("id").asText(null);
            if (id != null) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }

    Response send(String method, String path, JsonNode body) throws DeliveryException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.baseUrl() + "/" + path))
                .timeout(config.requestTimeout())
                .header("Accept", SCIM_JSON);
        String authorization = authenticator.header();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body != null) {
            request.header("Content-Type", SCIM_JSON);
            request.method(method, HttpRequest.BodyPublishers.ofString(write(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 401) {
                authenticator.forgetToken();
            }
            return new Response(response.statusCode(), read(response.body()),
                    RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), Instant.now()));
        } catch (HttpTimeoutException e) {
            throw DeliveryException.retryable(method + " " + path + ": no answer within " + config.requestTimeout().toMillis() + " ms", null, e);
        } catch (IOException e) {
            throw DeliveryException.retryable(method + " " + path + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryException.retryable("interrupted", null, e);
        }
    }

    /**
     * Turns a non-2xx answer into the right kind of failure: 408/429/5xx (and 401, a token may have expired) are worth
     * retrying; any other 4xx will fail the same way again.
     */
    static DeliveryException failure(Response response, String what) {
        int status = response.status();
        String detail = response.body().path("detail").asText("");
        String message = what + ": HTTP " + status + (detail.isEmpty() ? "" : " " + detail);
        if (status == 408 || status == 429 || status >= 500 || status == 401) {
            return DeliveryException.retryable(message, response.retryAfter().orElse(null), null);
        }
        return DeliveryException.hopeless(message);
    }

    private static String write(JsonNode body) {
        try {
            return JsonUtils.getObjectWriter().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JsonUtils.getObjectReader().readTree(body);
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }
}
