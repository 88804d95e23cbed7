package io.github.kcprovisioning.it.sync;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.unboundid.scim2.common.GenericScimResource;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.PatchRequest;
import com.unboundid.scim2.common.utils.FilterEvaluator;
import com.unboundid.scim2.common.utils.JsonUtils;

/**
 * A small, faithful in-memory SCIM 2.0 Users/Groups service (and its ServiceProviderConfig) for tests, on a free loopback port, with fault injection:
 * down (port closed), HTTP errors (500, 429 + Retry-After, 400), slow answers. Accepts {@link #TOKEN} as bearer
 * token, or only HTTP basic after {@link #requireBasicAuth}. Filters and PATCH are evaluated by the
 * UnboundID SDK. userName is unique (409 on conflict), displayName is not (as RFC 7643 allows).
 */
public final class InMemoryScimServer implements AutoCloseable {

    /** one request as the server saw it */
    public record Request(long at, String method, String path, String body, int status) {
    }

    private record Fault(Predicate<String> matches, int status, String retryAfter, AtomicInteger remaining) {
    }

    public static final String TOKEN = "test-token-" + UUID.randomUUID();

    static {
        // the JDK server writes headers and body separately: without TCP_NODELAY every answer waits ~40 ms for a delayed ACK
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final Map<String, ObjectNode> users = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> groups = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile String slowPrefix = "";
    private final AtomicInteger delayedNow = new AtomicInteger();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final AtomicLong delayMillis = new AtomicLong();
    private volatile String expectedAuthorization = "Bearer " + TOKEN;
    private final int port;
    private HttpServer server;
    private ExecutorService executor;

    public InMemoryScimServer() throws IOException {
        server = start(0);
        port = server.getAddress().getPort();
    }

    private HttpServer start(int onPort) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 50);
        http.createContext("/scim/v2/", this::handle);
        executor = Executors.newFixedThreadPool(8);
        http.setExecutor(executor);
        http.start();
        return http;
    }

    private void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port + "/scim/v2";
    }

    // ---- fault injection

    /** closes the port: connections are refused until {@link #up()} */
    public synchronized void down() {
        stop();
    }

    public synchronized void up() throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                server = start(port);
                return;
            } catch (java.net.BindException busy) {
                if (attempt > 50) {
                    throw busy;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw busy;
                }
            }
        }
    }

    /** only requests whose "METHOD path" starts with the prefix wait {@code millis} before they are applied and answered */
    public void slow(String methodAndPathPrefix, long millis) {
        slowPrefix = methodAndPathPrefix;
        delayMillis.set(millis);
    }

    /** requests received and waiting out their delay, not yet applied (a client gone meanwhile does not cancel them) */
    public int delayedNow() {
        return delayedNow.get();
    }

    /** the next {@code times} requests whose "METHOD path" matches answer {@code status} (with Retry-After if given) */
    public void fail(String methodAndPathPrefix, int status, String retryAfter, int times) {
        faults.add(new Fault(request -> request.startsWith(methodAndPathPrefix), status, retryAfter, new AtomicInteger(times)));
    }

    public void clearFaults() {
        faults.clear();
    }

    /** from now on only HTTP basic with these credentials is accepted (the bearer token answers 401) */
    public void requireBasicAuth(String user, String password) {
        expectedAuthorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public void slow(long millis) {
        delayMillis.set(millis);
    }

    /** drift: a user disappears on the target without Keycloak knowing */
    public void removeUserBehindTheBack(String userName) {
        users.values().removeIf(u -> userName.equals(u.path("userName").asText()));
    }

    /** a group that someone else created on the target (no externalId); returns its id */
    public String addGroupBehindTheBack(String displayName) {
        ObjectNode group = JsonUtils.getJsonNodeFactory().objectNode();
        group.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:Group");
        String id = UUID.randomUUID().toString();
        group.put("id", id);
        group.put("displayName", displayName);
        groups.put(id, group);
        return id;
    }

    // ---- inspection

    public List<Request> requests() {
        return Collections.unmodifiableList(requests);
    }

    public List<ObjectNode> users() {
        return new ArrayList<>(users.values());
    }

    public ObjectNode userByName(String userName) {
        return users.values().stream().filter(u -> userName.equals(u.path("userName").asText())).findFirst().orElse(null);
    }

    public List<ObjectNode> groupsNamed(String displayName) {
        return groups.values().stream().filter(g -> displayName.equals(g.path("displayName").asText())).toList();
    }

    public List<String> memberIds(ObjectNode group) {
        List<String> ids = new ArrayList<>();
        group.path("members").forEach(m -> ids.add(m.path("value").asText()));
        return ids;
    }

    // ---- protocol

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath().substring("/scim/v2/".length());
        String query = exchange.getRequestURI().getRawQuery();
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int status;
        try {
            long delay = delayMillis.get();
            if (delay > 0 && (method + " " + rawPath).startsWith(slowPrefix)) {
                delayedNow.incrementAndGet();
                try {
                    Thread.sleep(delay);
                    status = respond(exchange, method, rawPath, query, body);
                } finally {
                    delayedNow.decrementAndGet();
                }
            } else {
                status = respond(exchange, method, rawPath, query, body);
            }
        } catch (Exception e) {
            status = send(exchange, 500, error(500, e.toString()), null);
        }
        requests.add(new Request(System.currentTimeMillis(), method, rawPath + (query == null ? "" : "?" + URLDecoder.decode(query, StandardCharsets.UTF_8)), body, status));
    }

    private int respond(HttpExchange exchange, String method, String path, String query, String body) throws Exception {
        if (!expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return send(exchange, 401, error(401, "bad credentials"), null);
        }
        for (Fault fault : faults) {
            if (fault.matches().test(method + " " + path) && fault.remaining().getAndDecrement() > 0) {
                return send(exchange, fault.status(), error(fault.status(), "injected"), fault.retryAfter());
            }
        }
        if ("ServiceProviderConfig".equals(path)) {
            return "GET".equals(method) ? send(exchange, 200, serviceProviderConfig(), null) : send(exchange, 405, error(405, method), null);
        }
        String[] parts = path.split("/");
        Map<String, ObjectNode> store = switch (parts[0]) {
            case "Users" -> users;
            case "Groups" -> groups;
            default -> null;
        };
        if (store == null) {
            return send(exchange, 404, error(404, "no such endpoint"), null);
        }
        boolean isUsers = store == users;
        if (parts.length == 1) {
            if ("POST".equals(method)) {
                ObjectNode resource = (ObjectNode) JsonUtils.getObjectReader().readTree(body);
                synchronized (store) {
                    if (isUsers && userByName(resource.path("userName").asText()) != null) {
                        return send(exchange, 409, error(409, "userName taken"), null);
                    }
                    String id = UUID.randomUUID().toString();
                    resource.put("id", id);
                    store.put(id, resource);
                    return send(exchange, 201, resource, null);
                }
            }
            if ("GET".equals(method)) {
                return send(exchange, 200, list(store, query), null);
            }
            return send(exchange, 405, error(405, method), null);
        }
        String id = parts[1];
        ObjectNode existing = store.get(id);
        if (existing == null) {
            return send(exchange, 404, error(404, "no " + parts[0] + " " + id), null);
        }
        switch (method) {
            case "GET":
                return send(exchange, 200, existing, null);
            case "PUT": {
                ObjectNode replacement = (ObjectNode) JsonUtils.getObjectReader().readTree(body);
                replacement.put("id", id);
                store.put(id, replacement);
                return send(exchange, 200, replacement, null);
            }
            case "PATCH": {
                synchronized (store) { // read-modify-write: concurrent member PATCHes of one group must not lose updates
                    ObjectNode current = store.get(id);
                    if (current == null) {
                        return send(exchange, 404, error(404, "no " + parts[0] + " " + id), null);
                    }
                    PatchRequest patch = JsonUtils.getObjectReader().forType(PatchRequest.class).readValue(body);
                    GenericScimResource resource = new GenericScimResource(current.deepCopy());
                    patch.apply(resource);
                    ObjectNode patched = resource.getObjectNode();
                    store.put(id, patched);
                    return send(exchange, 200, patched, null);
                }
            }
            case "DELETE":
                store.remove(id);
                return send(exchange, 204, null, null);
            default:
                return send(exchange, 405, error(405, method), null);
        }
    }

    private ObjectNode list(Map<String, ObjectNode> store, String rawQuery) throws ScimException {
        Filter filter = null;
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                if (pair.startsWith("filter=")) {
                    filter = Filter.fromString(URLDecoder.decode(pair.substring("filter=".length()), StandardCharsets.UTF_8));
                }
            }
        }
        ArrayNode resources = JsonUtils.getJsonNodeFactory().arrayNode();
        for (ObjectNode resource : store.values()) {
            if (filter == null || FilterEvaluator.evaluate(filter, resource)) {
                resources.add(resource);
            }
        }
        ObjectNode response = JsonUtils.getJsonNodeFactory().objectNode();
        response.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:ListResponse");
        response.put("totalResults", resources.size());
        response.set("Resources", resources);
        return response;
    }

    /** what this server supports (RFC 7643, section 5) */
    private static ObjectNode serviceProviderConfig() {
        ObjectNode config = JsonUtils.getJsonNodeFactory().objectNode();
        config.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig");
        config.putObject("patch").put("supported", true);
        config.putObject("bulk").put("supported", false).put("maxOperations", 0).put("maxPayloadSize", 0);
        config.putObject("filter").put("supported", true).put("maxResults", 1000);
        config.putObject("changePassword").put("supported", false);
        config.putObject("sort").put("supported", false);
        config.putObject("etag").put("supported", false);
        config.putArray("authenticationSchemes").addObject().put("type", "oauthbearertoken").put("name", "Bearer token")
                .put("description", "the static test token");
        return config;
    }

    private static ObjectNode error(int status, String detail) {
        ObjectNode error = JsonUtils.getJsonNodeFactory().objectNode();
        error.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:Error");
        error.put("status", String.valueOf(status));
        error.put("detail", detail);
        return error;
    }

    private static int send(HttpExchange exchange, int status, JsonNode body, String retryAfter) throws IOException {
        if (retryAfter != null) {
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
        }
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return status;
        }
        byte[] bytes = JsonUtils.getObjectWriter().writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/scim+json");
        try {
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException clientGone) {
            // the client gave up (timeout) or died: what was applied stays applied, and the request is still logged
            exchange.close();
        }
        return status;
    }

    @Override
    public synchronized void close() {
        stop();
    }
}
