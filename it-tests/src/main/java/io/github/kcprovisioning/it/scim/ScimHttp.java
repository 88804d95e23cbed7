package io.github.kcprovisioning.it.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Raw SCIM over the JDK HTTP client: what Entra ID / Okta put on the wire, and what comes back. */
public final class ScimHttp {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String baseUrl;
    private final String token;
    private final String mediaType;

    public ScimHttp(String baseUrl, String token) {
        this(baseUrl, token, "application/scim+json");
    }

    private ScimHttp(String baseUrl, String token, String mediaType) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.mediaType = mediaType;
    }

    /** Plain {@code application/json}, e.g. for Keycloak's admin REST API in comparisons. */
    public static ScimHttp json(String baseUrl, String token) {
        return new ScimHttp(baseUrl, token, "application/json");
    }

    public record Reply(int status, Map<String, java.util.List<String>> headers, String body) {
        public JsonNode json() {
            try {
                return ScimFixture.JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst().map(e -> e.getValue().get(0)).orElse(null);
        }

        /** Asserts an RFC 7644 error: status, scimType (may be null), SCIM content type. */
        public Reply assertError(int expectedStatus, String expectedScimType) {
            assertEquals(expectedStatus, status, body);
            assertEquals("application/scim+json", header("Content-Type").split(";")[0], body);
            JsonNode json = json();
            assertEquals("urn:ietf:params:scim:api:messages:2.0:Error", json.path("schemas").path(0).asText(), body);
            assertEquals(String.valueOf(expectedStatus), json.path("status").asText(), body);
            if (expectedScimType != null) {
                assertEquals(expectedScimType, json.path("scimType").asText(), body);
            }
            return this;
        }

        public Reply assertStatus(int expected) {
            assertEquals(expected, status, body);
            return this;
        }
    }

    public Reply get(String path) {
        return send(request(path).GET());
    }

    public Reply post(String path, Object body) {
        return send(request(path).POST(publisher(body)));
    }

    public Reply put(String path, Object body) {
        return send(request(path).PUT(publisher(body)));
    }

    public Reply patch(String path, Object body) {
        return send(request(path).method("PATCH", publisher(body)));
    }

    public Reply delete(String path) {
        return send(request(path).DELETE());
    }

    /** Any request, for headers like If-Match or odd tokens. */
    public Reply send(String method, String path, Object body, Map<String, String> headers) {
        HttpRequest.Builder builder = request(path).method(method, body == null ? HttpRequest.BodyPublishers.noBody() : publisher(body));
        headers.forEach(builder::setHeader);
        return send(builder);
    }

    public static ObjectNode object() {
        return ScimFixture.JSON.createObjectNode();
    }

    public static JsonNode parse(String json) {
        try {
            return ScimFixture.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", mediaType)
                .header("Accept", mediaType);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static HttpRequest.BodyPublisher publisher(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : ScimFixture.JSON.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialise request body " + body, e);
        }
    }

    private static Reply send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The same endpoint with another bearer token (or none). */
    public ScimHttp withToken(String otherToken) {
        return new ScimHttp(baseUrl, otherToken, mediaType);
    }
}
