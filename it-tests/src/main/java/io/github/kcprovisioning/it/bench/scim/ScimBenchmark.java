package io.github.kcprovisioning.it.bench.scim;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcprovisioning.it.bench.BenchServer;
import io.github.kcprovisioning.it.bench.BenchTable;
import io.github.kcprovisioning.it.bench.Latencies;
import io.github.kcprovisioning.it.harness.ManagedKeycloak;
import io.github.kcprovisioning.it.scim.ScimFixture;
import io.github.kcprovisioning.it.scim.ScimHttp;
import org.keycloak.representations.userprofile.config.UPConfig;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * SCIM endpoint vs. Keycloak's admin REST API vs. Keycloak's own preview SCIM endpoint ({@link NativeScim}, the server is
 * started with {@code --features=scim-api}) on the same server in the same run: create, get, filter by userName, list a
 * page, add a group membership; list/filter latency at growing realm sizes; /Bulk vs. single creates.
 * <p>
 * All three are called the way a provisioning tool calls them: with a client-credentials token of a service account of
 * the realm (the admin REST client holds {@code realm-management/manage-users}), so that each pays the same token check.
 * The realm lets administrators edit unmanaged attributes, so that the admin REST API stores {@code title} as SCIM does.
 * <p>
 * {@code mvn -B -Pbench package -pl it-tests -am -Dexec.classpathScope=test -Dbench=io.github.kcprovisioning.it.bench.scim.ScimBenchmark}
 * (the admin client needs JBoss Logging, which is on the test class path only)
 * with {@code -Dbench.ops=300} (operations per row), {@code -Dbench.warmup=1000} (operations per row of an unmeasured first
 * round) and {@code -Dbench.sizes=10000,100000} (realm sizes for the list/filter rows).
 * Tables are printed and written under {@code it-tests/target/bench/}.
 */
public final class ScimBenchmark {

    private static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String BULK_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";

    private static final String ADMIN_REST_CLIENT = "bench-admin-rest";

    private final ManagedKeycloak server;

    private ScimBenchmark(ManagedKeycloak server) {
        this.server = server;
    }

    public static void main(String[] args) {
        int ops = Integer.getInteger("bench.ops", 300);
        int warmUp = Integer.getInteger("bench.warmup", 1000);
        List<Integer> sizes = new ArrayList<>();
        for (String size : System.getProperty("bench.sizes", "10000").split(",")) {
            sizes.add(Integer.parseInt(size.trim()));
        }
        // the native SCIM column needs Keycloak's preview feature
        String serverArgs = System.getProperty("kc.it.args", "");
        if (!serverArgs.contains("scim-api")) {
            System.setProperty("kc.it.args", (serverArgs + " --features=scim-api").trim());
        }
        try (ManagedKeycloak server = BenchServer.start()) {
            ScimBenchmark bench = new ScimBenchmark(server);
            // the same operations unmeasured first, so that no API is timed while the server still compiles its code
            bench.operations(warmUp, false);
            bench.operations(ops, true);
            bench.bulk();
            bench.atSize(sizes, ops);
        }
    }

    /**
     * Per-operation latency and throughput, SCIM vs admin REST vs native SCIM, sequential requests from one client, in a
     * realm of its own.
     *
     * @param measured {@code false} for a warm-up round: nothing is printed
     */
    private void operations(int ops, boolean measured) {
        ScimFixture fixture = fixture();
        ScimHttp scim = fixture.http();
        ScimHttp admin = adminHttp(fixture);
        NativeScim nativeScim = NativeScim.enable(server, fixture, masterAdminHttp(fixture.realm()));
        BenchTable table = new BenchTable("scim-vs-admin-rest", BenchTable.latencyHeader("operation", "api"));

        Latencies scimCreate = new Latencies();
        Latencies adminCreate = new Latencies();
        Latencies nativeCreate = new Latencies();
        List<String> scimIds = new ArrayList<>();
        List<String> adminIds = new ArrayList<>();
        List<String> nativeIds = new ArrayList<>();
        for (int i = 0; i < ops; i++) {
            String scimName = "scim-user-" + i;
            String adminName = "admin-user-" + i;
            String nativeName = "native-user-" + i;
            // the timed part is the HTTP exchange; reading the answer's JSON is the client's business
            inTurn(i, () -> scimIds.add(scimCreate.time(() -> ok(scim.post("/Users", scimUser(scimName)), 201)).json().path("id").asText()),
                    () -> {
                        String location = adminCreate.time(() -> ok(admin.post("/users", adminUser(adminName)), 201)).header("Location");
                        adminIds.add(location.substring(location.lastIndexOf('/') + 1));
                    },
                    () -> {
                        ScimHttp.Reply created = nativeScim.call("create user", nativeCreate, h -> h.post("/Users", nativeUser(nativeName)), 201);
                        if (created != null) {
                            nativeIds.add(created.json().path("id").asText());
                        }
                    });
        }
        table.latencyRow(scimCreate, "create user", "SCIM");
        table.latencyRow(adminCreate, "create user", "admin REST");
        nativeScim.row(table, nativeCreate, "create user", "create user", NativeScim.API);

        Latencies scimGet = new Latencies();
        Latencies adminGet = new Latencies();
        Latencies nativeGet = new Latencies();
        for (int i = 0; i < ops; i++) {
            String scimId = scimIds.get(i);
            String adminId = adminIds.get(i);
            String nativeId = i < nativeIds.size() ? nativeIds.get(i) : null;
            inTurn(i, () -> scimGet.timeRun(() -> ok(scim.get("/Users/" + scimId), 200)),
                    () -> adminGet.timeRun(() -> ok(admin.get("/users/" + adminId), 200)),
                    () -> {
                        if (nativeId != null) {
                            nativeScim.call("get user by id", nativeGet, h -> h.get("/Users/" + nativeId), 200);
                        }
                    });
        }
        table.latencyRow(scimGet, "get user by id", "SCIM");
        table.latencyRow(adminGet, "get user by id", "admin REST");
        nativeScim.row(table, nativeGet, "get user by id", "get user by id", NativeScim.API);

        Latencies scimFilter = new Latencies();
        Latencies adminFilter = new Latencies();
        Latencies nativeFilter = new Latencies();
        for (int i = 0; i < ops; i++) {
            String scimName = "scim-user-" + i;
            String adminName = "admin-user-" + i;
            String nativeName = "native-user-" + i;
            inTurn(i, () -> one(scimFilter.time(() -> ok(scim.get("/Users?filter=" + enc("userName eq \"" + scimName + "\"")), 200)).json(), "totalResults"),
                    () -> adminFilter.timeRun(() -> ok(admin.get("/users?exact=true&username=" + enc(adminName)), 200)),
                    () -> nativeScim.call("filter userName eq", nativeFilter, h -> h.get("/Users?filter=" + enc("userName eq \"" + nativeName + "\"")), 200));
        }
        table.latencyRow(scimFilter, "filter userName eq", "SCIM");
        table.latencyRow(adminFilter, "filter userName eq", "admin REST");
        nativeScim.row(table, nativeFilter, "filter userName eq", "filter userName eq", NativeScim.API);

        Latencies scimPage = new Latencies();
        Latencies adminPage = new Latencies();
        Latencies nativePage = new Latencies();
        for (int i = 0; i < Math.max(10, ops / 10); i++) {
            int start = (i * 100) % Math.max(1, ops);
            inTurn(i, () -> scimPage.timeRun(() -> ok(scim.get("/Users?count=100&startIndex=" + (start + 1)), 200)),
                    () -> adminPage.timeRun(() -> ok(admin.get("/users?max=100&first=" + start), 200)),
                    () -> nativeScim.call("list page of 100", nativePage, h -> h.get("/Users?count=100&startIndex=" + (start + 1)), 200));
        }
        table.latencyRow(scimPage, "list page of 100", "SCIM");
        table.latencyRow(adminPage, "list page of 100", "admin REST");
        nativeScim.row(table, nativePage, "list page of 100", "list page of 100", NativeScim.API);

        String scimGroup = ok(scim.post("/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"bench-scim\"}"), 201)
                .json().path("id").asText();
        ScimHttp.Reply adminGroupReply = ok(admin.post("/groups", "{\"name\":\"bench-admin\"}"), 201);
        String adminGroup = adminGroupReply.header("Location").substring(adminGroupReply.header("Location").lastIndexOf('/') + 1);
        ScimHttp.Reply nativeGroupReply = nativeScim.call("add group member", new Latencies(),
                h -> h.post("/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"bench-native\"}"), 201);
        String nativeGroup = nativeGroupReply == null ? null : nativeGroupReply.json().path("id").asText();
        Latencies scimMember = new Latencies();
        Latencies adminMember = new Latencies();
        Latencies nativeMember = new Latencies();
        for (int i = 0; i < ops; i++) {
            String scimId = scimIds.get(i);
            String adminId = adminIds.get(i);
            String nativeId = nativeGroup != null && i < nativeIds.size() ? nativeIds.get(i) : null;
            inTurn(i, () -> scimMember.timeRun(() -> ok(scim.patch("/Groups/" + scimGroup, addMember(scimId)), 204)),
                    () -> adminMember.timeRun(() -> ok(admin.put("/users/" + adminId + "/groups/" + adminGroup, ""), 204)),
                    () -> {
                        if (nativeId != null) {
                            nativeScim.call("add group member", nativeMember, h -> h.patch("/Groups/" + nativeGroup, addMember(nativeId)), 200, 204);
                        }
                    });
        }
        table.latencyRow(scimMember, "add group member", "SCIM");
        table.latencyRow(adminMember, "add group member", "admin REST");
        nativeScim.row(table, nativeMember, "add group member", "add group member", NativeScim.API);
        if (measured) {
            table.publish();
            System.out.print(nativeScim.notes());
        }
    }

    /**
     * Runs one request of each API, the i-th time in the i-th of all their orders: a request pays for what the one before
     * it left behind (garbage, evicted caches; the native endpoint's requests leave the most), so each API must follow
     * each other one equally often, which turning one order round would not give.
     */
    private static void inTurn(int i, Runnable... calls) {
        List<List<Runnable>> orders = orders(List.of(calls));
        orders.get(i % orders.size()).forEach(Runnable::run);
    }

    private static List<List<Runnable>> orders(List<Runnable> calls) {
        if (calls.size() <= 1) {
            return List.of(calls);
        }
        List<List<Runnable>> orders = new ArrayList<>();
        for (Runnable first : calls) {
            List<Runnable> rest = new ArrayList<>(calls);
            rest.remove(first);
            for (List<Runnable> order : orders(rest)) {
                List<Runnable> full = new ArrayList<>(List.of(first));
                full.addAll(order);
                orders.add(full);
            }
        }
        return orders;
    }

    /** @return seconds for {@code users} sequential single creates */
    private static double singles(ScimHttp scim, String prefix, int users) {
        long start = System.nanoTime();
        for (int i = 0; i < users; i++) {
            ok(scim.post("/Users", scimUser(prefix + i)), 201);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static String addMember(String userId) {
        return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + userId + "\"}]}]}";
    }

    /**
     * 1000 users through one /Bulk request vs 1000 single POSTs, measured twice in the order single, bulk, bulk, single so
     * that a load that grows or shrinks during the run weighs on both ways alike.
     */
    private void bulk() {
        ScimFixture fixture = fixture();
        ScimHttp scim = fixture.http();
        int users = 1000;
        double singleSeconds = singles(scim, "single-a", users);
        double bulkSeconds = 0;
        long failed = 0;
        for (String prefix : List.of("bulk-a", "bulk-b")) {
            long start = System.nanoTime();
            ScimHttp.Reply result = ok(scim.post("/Bulk", bulkCreate(prefix, 0, users)), 200);
            bulkSeconds += (System.nanoTime() - start) / 1e9;
            for (JsonNode op : result.json().path("Operations")) {
                failed += op.path("status").asText().equals("201") ? 0 : 1;
            }
        }
        singleSeconds += singles(scim, "single-b", users);
        BenchTable table = new BenchTable("scim-bulk-vs-single", "way", "users", "failed", "seconds", "users/s", "ms/user");
        table.row("2 x 1000 single POST /Users", 2 * users, 0, singleSeconds, 2 * users / singleSeconds, singleSeconds * 1000 / (2 * users));
        table.row("2 POST /Bulk (1000 ops each)", 2 * users, failed, bulkSeconds, 2 * users / bulkSeconds,
                bulkSeconds * 1000 / (2 * users));
        NativeScim nativeScim = NativeScim.enable(server, fixture, masterAdminHttp(fixture.realm()));
        if (nativeScim.call("/Bulk", new Latencies(), h -> h.post("/Bulk", bulkCreate("native", 0, 1)), 200) == null) {
            table.row("native SCIM /Bulk", "n/a", "-", "-", "-", "-");
        }
        table.publish();
        System.out.print(nativeScim.notes());
    }

    /** List and filter latency once the realm holds each of the given numbers of users (filled with /Bulk). */
    private void atSize(List<Integer> sizes, int ops) {
        ScimFixture fixture = fixture();
        NativeScim nativeScim = NativeScim.enable(server, fixture, masterAdminHttp(fixture.realm()));
        int filled = 0;
        for (int size : sizes) {
            // one table per size, published as soon as measured: the largest sizes take long to fill
            BenchTable table = new BenchTable("scim-list-filter-" + size + "-users", BenchTable.latencyHeader("users in realm", "operation", "api"));
            while (filled < size) {
                int batch = Math.min(1000, size - filled);
                ok(fixture.http().post("/Bulk", bulkCreate("fill", filled, batch)), 200);
                filled += batch;
            }
            ScimHttp scim = fixture.http();
            ScimHttp admin = adminHttp(fixture);
            Latencies scimFilter = new Latencies();
            Latencies adminFilter = new Latencies();
            Latencies scimList = new Latencies();
            Latencies adminList = new Latencies();
            Latencies nativeFilter = new Latencies();
            Latencies nativeList = new Latencies();
            // Look-ups and list pages in loops of their own, the native endpoint's in loops of their own too: a request
            // right after a list page, or after the native endpoint's look-up (a scan at this size), pays for its garbage.
            // Each API looks up users of its own: one that looked up a user just before another would have put it in
            // Keycloak's user cache for the other.
            int rows = Math.min(ops, 100);
            for (int i = 0; i < rows; i++) {
                String scimName = fillUser(i, 0, size);
                String adminName = fillUser(i, 1, size);
                inTurn(i, () -> one(scimFilter.time(() -> ok(scim.get("/Users?filter=" + enc("userName eq \"" + scimName + "\"")), 200)).json(), "totalResults"),
                        () -> adminFilter.timeRun(() -> ok(admin.get("/users?exact=true&username=" + enc(adminName)), 200)));
            }
            for (int i = 0; i < rows; i++) {
                int start = i * 997 % Math.max(1, size - 100);
                inTurn(i, () -> scimList.timeRun(() -> ok(scim.get("/Users?count=100&startIndex=" + (start + 1)), 200)),
                        () -> adminList.timeRun(() -> ok(admin.get("/users?max=100&first=" + start), 200)));
            }
            for (int i = 0; i < rows; i++) {
                String nativeName = fillUser(i, 2, size);
                nativeScim.call("filter userName eq", nativeFilter, h -> h.get("/Users?filter=" + enc("userName eq \"" + nativeName + "\"")), 200);
            }
            for (int i = 0; i < rows; i++) {
                int start = i * 997 % Math.max(1, size - 100);
                nativeScim.call("list page of 100", nativeList, h -> h.get("/Users?count=100&startIndex=" + (start + 1)), 200);
            }
            table.latencyRow(scimFilter, size, "filter userName eq", "SCIM");
            table.latencyRow(adminFilter, size, "filter userName eq", "admin REST");
            table.latencyRow(scimList, size, "list page of 100", "SCIM");
            table.latencyRow(adminList, size, "list page of 100", "admin REST");
            nativeScim.row(table, nativeFilter, "filter userName eq", size, "filter userName eq", NativeScim.API);
            nativeScim.row(table, nativeList, "list page of 100", size, "list page of 100", NativeScim.API);
            table.publish();
            System.out.print(nativeScim.notes());
        }
    }

    /** The i-th of the users filled in for API number {@code api} (0, 1, 2): spread over the realm, disjoint per API. */
    private static String fillUser(int i, int api, int size) {
        return "fill" + ((long) i * 7919 % (size / 3) * 3 + api);
    }

    /**
     * A fresh SCIM realm whose access tokens outlive the run (the default 5 minutes would expire mid-benchmark), with
     * unmanaged attributes editable by administrators and a service-account client for the admin REST column.
     */
    private ScimFixture fixture() {
        ScimFixture fixture = ScimFixture.create(server);
        ok(masterAdminHttp(fixture.realm()).put("", "{\"accessTokenLifespan\":86400}"), 204);
        UPConfig profile = fixture.realmResource().users().userProfile().getConfiguration();
        profile.setUnmanagedAttributePolicy(UPConfig.UnmanagedAttributePolicy.ADMIN_EDIT);
        fixture.realmResource().users().userProfile().update(profile);
        fixture.addServiceAccountClient(ADMIN_REST_CLIENT, false).grantClientRole("realm-management", "manage-users");
        return fixture;
    }

    /** The admin REST API of the realm as its provisioning client {@value #ADMIN_REST_CLIENT} (manage-users). */
    private ScimHttp adminHttp(ScimFixture fixture) {
        return ScimHttp.json(server.baseUrl() + "/admin/realms/" + fixture.realm(), fixture.as(ADMIN_REST_CLIENT).accessToken());
    }

    /** The realm's admin REST API as the server's admin, for setting the realm up. */
    private ScimHttp masterAdminHttp(String realm) {
        return ScimHttp.json(server.baseUrl() + "/admin/realms/" + realm, server.admin().tokenManager().getAccessTokenString());
    }

    private static String scimUser(String userName) {
        return "{\"schemas\":[\"" + USER_SCHEMA + "\"],\"userName\":\"" + userName + "\",\"name\":{\"givenName\":\"B\",\"familyName\":\"M\"},"
                + "\"emails\":[{\"value\":\"" + userName + "@bench.example\"}],\"title\":\"t\"}";
    }

    /** Only core attributes: the native endpoint does not map {@code title}. */
    private static String nativeUser(String userName) {
        return "{\"schemas\":[\"" + USER_SCHEMA + "\"],\"userName\":\"" + userName + "\",\"name\":{\"givenName\":\"B\",\"familyName\":\"M\"},"
                + "\"emails\":[{\"value\":\"" + userName + "@bench.example\"}]}";
    }

    private static String adminUser(String userName) {
        return "{\"username\":\"" + userName + "\",\"enabled\":true,\"firstName\":\"B\",\"lastName\":\"M\",\"email\":\""
                + userName + "@bench.example\",\"attributes\":{\"title\":[\"t\"]}}";
    }

    private static String bulkCreate(String prefix, int from, int count) {
        StringBuilder body = new StringBuilder("{\"schemas\":[\"" + BULK_SCHEMA + "\"],\"Operations\":[");
        for (int i = from; i < from + count; i++) {
            body.append(i == from ? "" : ",").append("{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"b").append(i)
                    .append("\",\"data\":").append(scimUser(prefix + i)).append('}');
        }
        return body.append("]}").toString();
    }

    private static ScimHttp.Reply ok(ScimHttp.Reply reply, int expected) {
        if (reply.status() != expected) {
            throw new IllegalStateException("Expected " + expected + ", got " + reply.status() + ": " + reply.body());
        }
        return reply;
    }

    private static void one(JsonNode list, String field) {
        if (list.path(field).asInt() != 1) {
            throw new IllegalStateException("Expected exactly one result: " + list);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

}
