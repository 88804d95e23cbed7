package io.github.kcprovisioning.it.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's realm exports ({@code src/main/resources/demo/realms}), with {@code ${DEMO_URL}} replaced by the server's
 * base URL. One source for the demo launcher and for the test that proves the demo works.
 */
public final class DemoRealms {
    /** Import order matters only for readability; Keycloak resolves the IdP URLs at login time. */
    public static final List<String> FILES = List.of("upstream-realm.json", "downstream-realm.json", "demo-realm.json");

    private DemoRealms() {
    }

    /** File name → realm JSON for a server reachable at {@code baseUrl}. */
    public static Map<String, String> render(String baseUrl) {
        Map<String, String> rendered = new LinkedHashMap<>();
        for (String name : FILES) {
            try (InputStream in = DemoRealms.class.getResourceAsStream("/demo/realms/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("Missing demo realm template " + name);
                }
                rendered.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${DEMO_URL}", baseUrl));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return rendered;
    }
}
