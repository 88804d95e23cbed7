package io.github.kcprovisioning.it.bench.jit;

import io.github.kcprovisioning.it.bench.BenchServer;
import io.github.kcprovisioning.it.bench.BenchTable;
import io.github.kcprovisioning.it.bench.Latencies;
import io.github.kcprovisioning.it.harness.BrokerFixture;
import io.github.kcprovisioning.it.harness.BrowserSession;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.harness.LoginResult;
import io.github.kcprovisioning.it.harness.ManagedKeycloak;
import jakarta.ws.rs.core.Response;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Brokered OIDC login latency (upstream Keycloak realm to broker realm, end to end over HTTP like a browser) with and
 * without the JIT mappers, for 1, 50 and 500 groups in the upstream's groups claim. Each row is one user logging in
 * repeatedly after a warm-up (the steady state: the diff is computed, nothing or little changes); the first login, which
 * creates the user and the groups, is reported separately. Logins with and without mappers alternate, so that both see
 * the same background load.
 *
 * <pre>mvn -B -Pbench package -pl it-tests -am -Dbench=io.github.kcprovisioning.it.bench.jit.JitLoginBenchmark [-Dbench.logins=200]</pre>
 */
public final class JitLoginBenchmark {

    private static final int[] GROUP_COUNTS = {1, 50, 500};
    private static final int WARMUP = 20;

    public static void main(String[] args) {
        int logins = Integer.getInteger("bench.logins", 200);
        BenchTable table = new BenchTable("jit-login", BenchTable.latencyHeader("groups in claim", "mappers", "first login ms"));
        try (ManagedKeycloak server = BenchServer.start()) {
            for (int groups : GROUP_COUNTS) {
                Scenario plain = Scenario.create(server, groups, false);
                Scenario jit = Scenario.create(server, groups, true);
                // alternate the two so that both see the same load on a shared machine
                for (int i = 0; i < WARMUP; i++) {
                    plain.login();
                    jit.login();
                }
                for (int i = 0; i < logins; i++) {
                    plain.latencies.timeRun(plain::login);
                    jit.latencies.timeRun(jit::login);
                }
                table.latencyRow(plain.latencies, groups, "none", plain.firstLoginMillis);
                table.latencyRow(jit.latencies, groups, "jit-external-groups + jit-user-attributes", jit.firstLoginMillis);
                System.out.printf("groups=%d done%n", groups);
            }
        }
        table.publish();
    }

    /** One broker realm and its upstream, with or without the JIT mappers, and one user logging in again and again. */
    private static final class Scenario {
        private final KeycloakServer server;
        private final BrokerFixture broker;
        private final Latencies latencies = new Latencies();
        private double firstLoginMillis;

        private Scenario(KeycloakServer server, BrokerFixture broker) {
            this.server = server;
            this.broker = broker;
        }

        static Scenario create(KeycloakServer server, int groups, boolean withMappers) {
            BrokerFixture broker = BrokerFixture.oidc(server);
            hardcodedGroupsClaim(broker, groups);
            if (withMappers) {
                broker.addMapper(mapper("jit-external-groups", Map.of("root.group", "/external/bench", "max.groups", "1000")));
                broker.addMapper(mapper("jit-user-attributes", Map.of("mappings",
                        "[{\"claim\": \"email\", \"target\": \"email\", \"transform\": \"lower\"},"
                                + " {\"claim\": \"given_name\", \"target\": \"firstName\"},"
                                + " {\"claim\": \"family_name\", \"target\": \"lastName\"}]")));
            }
            broker.createUpstreamUser("bench", "bench-pw", "bench@example.org", "Bench", "Mark");
            Scenario scenario = new Scenario(server, broker);
            long start = System.nanoTime();
            scenario.login();
            scenario.firstLoginMillis = (System.nanoTime() - start) / 1e6;
            return scenario;
        }

        void login() {
            JitLoginBenchmark.login(server, broker);
        }
    }

    private static void login(KeycloakServer server, BrokerFixture broker) {
        LoginResult result = new BrowserSession(server).brokeredLogin(broker, "bench", "bench-pw");
        if (!result.succeeded()) {
            throw new IllegalStateException("login failed: " + result.errorMessage().orElse(result.page().title()));
        }
    }

    private static void hardcodedGroupsClaim(BrokerFixture broker, int groups) {
        String json = IntStream.range(0, groups).mapToObj(i -> "\"team-" + i + "\"").collect(Collectors.joining(",", "[", "]"));
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName("groups");
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper("oidc-hardcoded-claim-mapper");
        mapper.setConfig(new HashMap<>(Map.of("claim.name", "groups", "claim.value", json, "jsonType.label", "JSON",
                "id.token.claim", "true", "access.token.claim", "true", "userinfo.token.claim", "true")));
        try (Response response = broker.upstreamRealmResource().clients().get(broker.upstreamClientUuid()).getProtocolMappers()
                .createMapper(mapper)) {
            if (response.getStatus() != 201) {
                throw new IllegalStateException("groups claim mapper: HTTP " + response.getStatus());
            }
        }
    }

    private static IdentityProviderMapperRepresentation mapper(String type, Map<String, String> config) {
        IdentityProviderMapperRepresentation mapper = new IdentityProviderMapperRepresentation();
        mapper.setName(type);
        mapper.setIdentityProviderMapper(type);
        Map<String, String> all = new HashMap<>(config);
        all.put("syncMode", "INHERIT");
        mapper.setConfig(all);
        return mapper;
    }
}
