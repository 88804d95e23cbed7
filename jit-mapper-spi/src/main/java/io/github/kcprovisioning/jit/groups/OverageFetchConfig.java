package io.github.kcprovisioning.jit.groups;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How the mapper fetches the full group list when the IdP signals overage. Off by default; when on, only hosts on the
 * allow-list are ever called (the advertised endpoint comes from the token, so a hostile IdP could otherwise make Keycloak
 * call any URL with a bearer token: SSRF).
 *
 * @param enabled  fetch at all
 * @param hosts    allowed {@code host} (HTTPS on 443) or {@code host:port} (HTTPS), or {@code http://host:port} (plain HTTP, for tests)
 * @param endpoint fixed endpoint used instead of the advertised one (sovereign clouds, tests); null for the advertised one
 * @param timeout  time limit for the whole fetch, all pages together
 * @param maxPages pages followed at most ({@code @odata.nextLink}); a longer list counts as a failed fetch
 */
public record OverageFetchConfig(boolean enabled, Set<String> hosts, URI endpoint, Duration timeout, int maxPages) {

    public static final String FETCH = "overage.fetch";
    public static final String HOSTS = "overage.fetch.hosts";
    public static final String ENDPOINT = "overage.fetch.endpoint";
    public static final String TIMEOUT_MS = "overage.fetch.timeout.ms";
    public static final String MAX_PAGES = "overage.fetch.max.pages";

    public static final String DEFAULT_HOSTS = "graph.microsoft.com";
    public static final int DEFAULT_TIMEOUT_MS = 5_000;
    public static final int DEFAULT_MAX_PAGES = 20;

    private static final Pattern ENTRIES = Pattern.compile("[\\s,]+|##");

    static OverageFetchConfig parse(Map<String, String> config, List<String> errors) {
        boolean enabled = Boolean.parseBoolean(config.get(FETCH));
        Set<String> hosts = new LinkedHashSet<>();
        String hostList = config.get(HOSTS);
        for (String entry : ENTRIES.split(hostList == null || hostList.isBlank() ? DEFAULT_HOSTS : hostList.trim())) {
            if (!entry.isEmpty()) {
                hosts.add(entry.toLowerCase(Locale.ROOT));
            }
        }
        URI endpoint = null;
        String endpointText = config.get(ENDPOINT);
        if (endpointText != null && !endpointText.isBlank()) {
            try {
                endpoint = new URI(endpointText.trim());
                if (!allows(hosts, endpoint)) {
                    errors.add("Overage fetch endpoint: '" + endpointText.trim()
                            + "' is not on the allowed hosts list (HTTPS, or http://host:port entries for plain HTTP)");
                }
            } catch (URISyntaxException e) {
                errors.add("Overage fetch endpoint: '" + endpointText.trim() + "' is not a URL");
            }
        }
        int timeoutMs = ExternalGroupsConfig.parseInt("Overage fetch timeout (ms)", config.get(TIMEOUT_MS), DEFAULT_TIMEOUT_MS,
                100, 60_000, errors);
        int maxPages = ExternalGroupsConfig.parseInt("Overage fetch max pages", config.get(MAX_PAGES), DEFAULT_MAX_PAGES,
                1, 1_000, errors);
        return new OverageFetchConfig(enabled, Set.copyOf(hosts), endpoint, Duration.ofMillis(timeoutMs), maxPages);
    }

    /** True when {@code uri} may be called: its scheme and host (and port, when the entry names one) are allowed. */
    boolean allows(URI uri) {
        return allows(hosts, uri);
    }

    private static boolean allows(Set<String> hosts, URI uri) {
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String hostPort = host + ":" + (uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) ? 443 : 80);
        return switch (scheme) {
            case "https" -> hosts.contains(hostPort) || hosts.contains(host) && hostPort.endsWith(":443");
            case "http" -> hosts.contains("http://" + hostPort);
            default -> false;
        };
    }
}
