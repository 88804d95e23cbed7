package io.github.kcprovisioning.jit.groups;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches a user's full group list from the endpoint an IdP advertises on group overage, in the shape of Microsoft Graph:
 * {@code POST …/getMemberObjects} (a list of ids) or {@code GET …/memberOf} (group objects), each answering
 * {@code {"value": [...], "@odata.nextLink": "..."}}. Every URL, including each next link, must pass the allow-list;
 * redirects are not followed. An incomplete list is a failure, never a shorter list: a shorter list would remove memberships.
 */
final class OverageGroupsFetcher {

    /** Where Entra ID's groups live when the token only says "hasgroups" (no endpoint). */
    static final URI DEFAULT_ENDPOINT = URI.create("https://graph.microsoft.com/v1.0/me/getMemberObjects");
    /** A list longer than this is not a user's groups but an attack or a misconfiguration. */
    static final int MAX_ENTRIES = 50_000;
    /** Graph pages hold at most a few hundred objects (getMemberObjects: ids only); far below this. */
    static final int MAX_PAGE_BYTES = 4 * 1024 * 1024;

    /** Entra still advertises the retired Azure AD Graph; the same call on Microsoft Graph. */
    private static final Pattern AAD_GRAPH = Pattern.compile(
            "https://graph\\.windows\\.net/[^/]+/users/([^/?#]+)/(getMemberObjects|getMemberGroups)", Pattern.CASE_INSENSITIVE);
    private static final String GRAPH_GROUP_TYPE = "#microsoft.graph.group";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final OverageFetchConfig config;
    private final String idField;
    private final String nameField;

    /**
     * @param idField   the object field the mapper reads stable ids from (Graph objects are converted to it)
     * @param nameField the object field the mapper reads display names from
     */
    OverageGroupsFetcher(OverageFetchConfig config, String idField, String nameField) {
        this.config = config;
        this.idField = idField;
        this.nameField = nameField;
    }

    /** Thrown for any reason the full list could not be had; the message is fit for the log. */
    static final class FetchFailedException extends Exception {
        FetchFailedException(String message) {
            super(message);
        }
    }

    /** The URL to call first: the configured endpoint, else the advertised one (Azure AD Graph translated), else Graph's /me. */
    URI firstUrl(String advertised) throws FetchFailedException {
        if (config.endpoint() != null) {
            return config.endpoint();
        }
        if (advertised == null) {
            return DEFAULT_ENDPOINT;
        }
        Matcher legacy = AAD_GRAPH.matcher(advertised);
        String url = legacy.lookingAt()
                ? "https://graph.microsoft.com/v1.0/users/" + legacy.group(1) + "/" + legacy.group(2)
                : advertised;
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new FetchFailedException("the advertised endpoint is not a URL");
        }
    }

    /** The user's groups as a claim value: id strings, or objects with the mapper's id and name fields. */
    ArrayNode fetch(String advertised, String accessToken) throws FetchFailedException {
        if (accessToken == null || accessToken.isBlank()) {
            throw new FetchFailedException("no access token of the identity provider is available (OIDC logins only)");
        }
        long deadline = System.nanoTime() + config.timeout().toNanos();
        ArrayNode groups = JsonNodeFactory.instance.arrayNode();
        URI url = firstUrl(advertised);
        boolean memberFunction = url.getPath() != null && url.getPath().matches(".*/(getMemberObjects|getMemberGroups)$");
        for (int page = 1; url != null; page++) {
            if (page > config.maxPages()) {
                throw new FetchFailedException("the list has more than " + config.maxPages() + " pages");
            }
            if (!config.allows(url)) {
                throw new FetchFailedException("host of " + url.getScheme() + "://" + url.getAuthority()
                        + " is not on the allowed hosts list");
            }
            JsonNode body = call(url, page == 1 && memberFunction, accessToken, deadline);
            JsonNode value = body.get("value");
            if (value == null || !value.isArray()) {
                throw new FetchFailedException("the response has no 'value' list");
            }
            value.forEach(item -> addGroup(groups, item));
            if (groups.size() > MAX_ENTRIES) {
                throw new FetchFailedException("the list has more than " + MAX_ENTRIES + " entries");
            }
            url = nextLink(body);
        }
        return groups;
    }

    private void addGroup(ArrayNode groups, JsonNode item) {
        if (item.isTextual()) {
            groups.add(item);
        } else if (item.isObject() && GRAPH_GROUP_TYPE.equals(item.path("@odata.type").asText(GRAPH_GROUP_TYPE))) {
            // directory roles and administrative units are not groups; the name is data, the id is identity
            ObjectNode group = groups.addObject();
            group.set(idField, item.get("id"));
            group.set(nameField, item.has("displayName") ? item.get("displayName") : item.get("id"));
        }
    }

    private static URI nextLink(JsonNode body) throws FetchFailedException {
        JsonNode next = body.get("@odata.nextLink");
        if (next == null || next.isNull()) {
            return null;
        }
        try {
            return URI.create(next.asText());
        } catch (IllegalArgumentException e) {
            throw new FetchFailedException("'@odata.nextLink' is not a URL");
        }
    }

    private JsonNode call(URI url, boolean post, String accessToken, long deadline) throws FetchFailedException {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw new FetchFailedException("timed out (limit " + config.timeout().toMillis() + " ms)");
        }
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(url)
                    .timeout(Duration.ofNanos(remaining))
                    .header("Authorization", "Bearer " + accessToken)
                    .header("Accept", "application/json");
        } catch (IllegalArgumentException e) {
            throw new FetchFailedException("cannot build the request: " + e.getMessage());
        }
        if (post) {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"securityEnabledOnly\":false}"));
        }
        CompletableFuture<HttpResponse<byte[]>> pending = HTTP.sendAsync(request.build(), BoundedBody.handler(MAX_PAGE_BYTES));
        try {
            // the request timeout covers the response head only; this bounds the body as well
            HttpResponse<byte[]> response = pending.get(remaining, TimeUnit.NANOSECONDS);
            if (response.statusCode() != 200) {
                throw new FetchFailedException("HTTP " + response.statusCode() + " from " + url.getAuthority());
            }
            return JsonSerialization.mapper.readTree(response.body());
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw timedOut(url);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw timedOut(url); // the client's own request timeout: the same limit, whichever clock fired first
            }
            throw new FetchFailedException(cause.getClass().getSimpleName() + " calling " + url.getAuthority()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        } catch (IOException e) {
            throw new FetchFailedException("the response is not JSON");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchFailedException("interrupted");
        }
    }

    private FetchFailedException timedOut(URI url) {
        return new FetchFailedException("timed out (limit " + config.timeout().toMillis() + " ms) waiting for "
                + url.getAuthority());
    }
}
