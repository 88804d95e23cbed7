package io.github.kcprovisioning.jit.groups;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fetcher against a local HTTP server shaped like Microsoft Graph. */
class OverageGroupsFetcherTest {

    private HttpServer server;
    private String origin;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.start();
        origin = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(String path, int status, String json) {
        server.createContext(path, exchange -> {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            if (status == 302) {
                exchange.getResponseHeaders().add("Location", origin + "/elsewhere");
            }
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    private OverageGroupsFetcher fetcher(Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(Map.of(OverageFetchConfig.FETCH, "true",
                OverageFetchConfig.HOSTS, origin));
        config.putAll(extra);
        List<String> errors = new ArrayList<>();
        OverageFetchConfig parsed = OverageFetchConfig.parse(config, errors);
        assertEquals(List.of(), errors);
        return new OverageGroupsFetcher(parsed, "id", "name");
    }

    @Test
    void pagesAreFollowedAndGraphGroupObjectsBecomeIdNameObjects() throws Exception {
        answer("/me/memberOf", 200, "{\"value\": [{\"@odata.type\": \"#microsoft.graph.group\", \"id\": \"g1\","
                + " \"displayName\": \"Eng\"}, {\"@odata.type\": \"#microsoft.graph.directoryRole\", \"id\": \"r1\"}],"
                + " \"@odata.nextLink\": \"" + origin + "/p2\"}");
        answer("/p2", 200, "{\"value\": [\"g2\"]}");

        assertEquals("[{\"id\":\"g1\",\"name\":\"Eng\"},\"g2\"]", fetcher(Map.of()).fetch(origin + "/me/memberOf", "t").toString());
    }

    @Test
    void anIncompleteOrBrokenListIsAFailureNeverAShorterList() {
        answer("/loop", 200, "{\"value\": [\"g\"], \"@odata.nextLink\": \"" + origin + "/loop\"}");
        answer("/error", 500, "");
        answer("/moved", 302, "");
        answer("/shapeless", 200, "[\"g\"]");
        answer("/huge", 200, "{\"value\": [\"" + "g".repeat(OverageGroupsFetcher.MAX_PAGE_BYTES) + "\"]}");
        OverageGroupsFetcher fetcher = fetcher(Map.of(OverageFetchConfig.MAX_PAGES, "3"));

        assertFailure("more than 3 pages", () -> fetcher.fetch(origin + "/loop", "t"));
        assertFailure("HTTP 500", () -> fetcher.fetch(origin + "/error", "t"));
        assertFailure("HTTP 302", () -> fetcher.fetch(origin + "/moved", "t"));
        assertFailure("no 'value' list", () -> fetcher.fetch(origin + "/shapeless", "t"));
        assertFailure("larger than " + OverageGroupsFetcher.MAX_PAGE_BYTES + " bytes", () -> fetcher.fetch(origin + "/huge", "t"));
        assertFailure("no access token", () -> fetcher.fetch(origin + "/loop", null));
        assertFailure("not on the allowed hosts list", () -> fetcher.fetch("https://evil.example/groups", "t"));
    }

    private static void assertFailure(String reason, Executable fetch) {
        OverageGroupsFetcher.FetchFailedException e = assertThrows(OverageGroupsFetcher.FetchFailedException.class, fetch);
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
