package io.github.kcprovisioning.it.bench.scim;

import io.github.kcprovisioning.it.bench.BenchTable;
import io.github.kcprovisioning.it.bench.Latencies;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.scim.ScimFixture;
import io.github.kcprovisioning.it.scim.ScimHttp;
import jakarta.ws.rs.core.Response;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The benchmark's column for Keycloak's own SCIM endpoint ({@code --features=scim-api}, preview) at
 * {@code /realms/{realm}/scim/v2}: switches it on for the fixture's realm and calls it as a client with
 * {@code realm-management/manage-users} and an audience mapper naming the SCIM base URL. An operation the native
 * endpoint refuses (or a server without the feature) is remembered and reported as {@code n/a} with the reason.
 */
final class NativeScim {

    static final String API = "native SCIM";

    private final ScimHttp http;
    private final Map<String, String> unsupported = new LinkedHashMap<>();
    private final String unavailable;

    private NativeScim(ScimHttp http, String unavailable) {
        this.http = http;
        this.unavailable = unavailable;
    }

    /** @param admin admin REST client of the fixture's realm ({@code /admin/realms/{realm}}) */
    static NativeScim enable(KeycloakServer server, ScimFixture fixture, ScimHttp admin) {
        ScimHttp.Reply realm = admin.put("", "{\"scimApiEnabled\":true}");
        if (realm.status() != 204) {
            return unavailable("enabling the realm's SCIM API: HTTP " + realm.status());
        }
        String url = server.realmUrl(fixture.realm()) + "/scim/v2";
        ScimFixture client = fixture.addServiceAccountClient("native-scim", false).grantClientRole("realm-management", "manage-users");
        ProtocolMapperRepresentation audience = new ProtocolMapperRepresentation();
        audience.setName("scim-audience");
        audience.setProtocol("openid-connect");
        audience.setProtocolMapper("oidc-audience-mapper");
        audience.setConfig(new HashMap<>(Map.of("included.custom.audience", url, "access.token.claim", "true")));
        String clientUuid = fixture.realmResource().clients().findByClientId("native-scim").get(0).getId();
        try (Response created = fixture.realmResource().clients().get(clientUuid).getProtocolMappers().createMapper(audience)) {
            if (created.getStatus() != 201) {
                return unavailable("audience mapper: HTTP " + created.getStatus());
            }
        }
        ScimHttp http = new ScimHttp(url, client.accessToken());
        ScimHttp.Reply probe = http.get("/Users?count=1");
        if (probe.status() != 200) {
            return unavailable("GET /Users: HTTP " + probe.status() + " (is the server started with --features=scim-api?)");
        }
        return new NativeScim(http, null);
    }

    private static NativeScim unavailable(String reason) {
        System.out.println("Native SCIM column is n/a: " + reason);
        return new NativeScim(null, reason);
    }

    /**
     * Times one request of {@code operation} into {@code latencies} if it answers one of {@code expected}; the first
     * other answer marks the operation unsupported (not timed, no further calls).
     *
     * @return the reply, or {@code null} when the operation is (now) unsupported
     */
    ScimHttp.Reply call(String operation, Latencies latencies, Function<ScimHttp, ScimHttp.Reply> request, int... expected) {
        if (unavailable != null || unsupported.containsKey(operation)) {
            return null;
        }
        long start = System.nanoTime();
        ScimHttp.Reply reply = request.apply(http);
        long elapsed = System.nanoTime() - start;
        for (int status : expected) {
            if (reply.status() == status) {
                latencies.record(elapsed);
                return reply;
            }
        }
        String body = reply.body() == null ? "" : reply.body().replaceAll("\\s+", " ");
        unsupported.put(operation, "HTTP " + reply.status() + " " + body.substring(0, Math.min(160, body.length())));
        System.out.println("Native SCIM, " + operation + ": " + unsupported.get(operation));
        return null;
    }

    /** The operation's latency row, or an {@code n/a} row when the native endpoint does not support it. */
    void row(BenchTable table, Latencies latencies, String operation, Object... leading) {
        if (unavailable == null && !unsupported.containsKey(operation) && latencies.count() > 0) {
            table.latencyRow(latencies, leading);
            return;
        }
        Object[] cells = new Object[leading.length + 5];
        System.arraycopy(leading, 0, cells, 0, leading.length);
        cells[leading.length] = "n/a";
        for (int i = leading.length + 1; i < cells.length; i++) {
            cells[i] = "-";
        }
        table.row(cells);
    }

    /** Why operations were n/a, for the notes under the tables. */
    String notes() {
        if (unavailable != null) {
            return "native SCIM unavailable: " + unavailable;
        }
        StringBuilder notes = new StringBuilder();
        unsupported.forEach((operation, reason) -> notes.append("native SCIM n/a for ").append(operation).append(": ")
                .append(reason).append('\n'));
        return notes.toString();
    }
}
