package io.github.kcprovisioning.jit.groups;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OverageFetchConfigTest {

    private static OverageFetchConfig parse(Map<String, String> config, List<String> errors) {
        return OverageFetchConfig.parse(config, errors);
    }

    @Test
    void byDefaultOnlyMicrosoftGraphOverHttpsMayBeCalled() {
        OverageFetchConfig config = parse(Map.of(), new ArrayList<>());
        assertFalse(config.enabled());
        assertTrue(config.allows(URI.create("https://graph.microsoft.com/v1.0/me/getMemberObjects")));
        assertTrue(config.allows(URI.create("https://GRAPH.microsoft.com:443/v1.0/me/memberOf")));
        assertFalse(config.allows(URI.create("http://graph.microsoft.com/v1.0/me/memberOf")), "no plain HTTP");
        assertFalse(config.allows(URI.create("https://graph.microsoft.com.evil.example/x")));
        assertFalse(config.allows(URI.create("https://graph.microsoft.com:8443/x")));
        assertFalse(config.allows(URI.create("https://user@graph.microsoft.com/x")));
        assertFalse(config.allows(URI.create("https://169.254.169.254/latest/meta-data")));
        assertFalse(config.allows(URI.create("file:///etc/passwd")));
    }

    @Test
    void plainHttpNeedsAnExplicitHttpEntryWithPort() {
        OverageFetchConfig config = parse(Map.of(OverageFetchConfig.HOSTS, "graph.microsoft.us, http://127.0.0.1:8089"),
                new ArrayList<>());
        assertTrue(config.allows(URI.create("https://graph.microsoft.us/v1.0/me/memberOf")));
        assertTrue(config.allows(URI.create("http://127.0.0.1:8089/groups")));
        assertFalse(config.allows(URI.create("http://127.0.0.1:8090/groups")));
        assertFalse(config.allows(URI.create("https://graph.microsoft.com/v1.0/me/memberOf")), "the list replaces the default");
    }

    @Test
    void aFixedEndpointOffTheListAndBadNumbersAreConfigErrors() {
        List<String> errors = new ArrayList<>();
        parse(Map.of(OverageFetchConfig.ENDPOINT, "https://evil.example/groups", OverageFetchConfig.TIMEOUT_MS, "0",
                OverageFetchConfig.MAX_PAGES, "many"), errors);
        assertEquals(3, errors.size(), errors::toString);
        assertTrue(errors.get(0).contains("not on the allowed hosts list"), errors::toString);
    }

    @Test
    void azureAdGraphLinksAreTranslatedToMicrosoftGraph() throws Exception {
        OverageGroupsFetcher fetcher = new OverageGroupsFetcher(parse(Map.of(), new ArrayList<>()), "id", "name");
        assertEquals(URI.create("https://graph.microsoft.com/v1.0/users/0b1f/getMemberObjects"),
                fetcher.firstUrl("https://graph.windows.net/contoso.onmicrosoft.com/users/0b1f/getMemberObjects"));
        assertEquals(OverageGroupsFetcher.DEFAULT_ENDPOINT, fetcher.firstUrl(null));
        assertEquals(URI.create("https://graph.microsoft.com/v1.0/me/memberOf"),
                fetcher.firstUrl("https://graph.microsoft.com/v1.0/me/memberOf"));
    }
}
