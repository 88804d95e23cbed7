package io.github.kcprovisioning.it.scim;

import io.github.kcprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import org.junit.jupiter.api.RepeatedTest;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

@KeycloakIntegrationTest
class ScimConcurrencyIT {

    /** Two parallel creates of the same userName: exactly one 201 and one 409, and one user in the realm. */
    @RepeatedTest(3)
    void parallelCreatesOfOneUserNameYieldOneCreatedAndOneConflict(KeycloakServer kc) {
        ScimFixture fixture = ScimFixture.create(kc);
        ScimHttp http = fixture.http();
        String body = ScimUsersIT.user("racer");
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<ScimHttp.Reply>> calls = List.of(
                CompletableFuture.supplyAsync(() -> awaitThen(start, () -> http.post("/Users", body))),
                CompletableFuture.supplyAsync(() -> awaitThen(start, () -> http.post("/Users", body))));
        start.countDown();
        List<Integer> statuses = calls.stream().map(CompletableFuture::join).map(ScimHttp.Reply::status).sorted().toList();
        assertEquals(List.of(201, 409), statuses);
        calls.stream().map(CompletableFuture::join).filter(r -> r.status() == 409).forEach(r -> r.assertError(409, "uniqueness"));
        assertEquals(1, fixture.realmResource().users().search("racer", true).size());
    }

    /**
     * Nesting a chain with parallel PATCHes (what an outbound sync does when it pushes a new group path): adding
     * {@code mid} to {@code top} while {@code leaf} is added to {@code mid} must keep both parent links. Writing
     * {@code mid} in the second request must not put back the parent it had when that request read it.
     */
    @RepeatedTest(2)
    void parallelNestingOfAChainKeepsEveryParentLink(KeycloakServer kc) {
        ScimFixture fixture = ScimFixture.create(kc);
        ScimHttp http = fixture.http();
        for (int round = 0; round < 15; round++) {
            String top = createGroup(http, "top" + round);
            String mid = createGroup(http, "mid" + round);
            String leaf = createGroup(http, "leaf" + round);
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<ScimHttp.Reply>> calls = List.of(
                    CompletableFuture.supplyAsync(() -> awaitThen(start, () -> http.patch("/Groups/" + top, addGroupMember(mid)))),
                    CompletableFuture.supplyAsync(() -> awaitThen(start, () -> http.patch("/Groups/" + mid, addGroupMember(leaf)))));
            start.countDown();
            calls.forEach(c -> c.join().assertStatus(204));
            assertEquals(top, fixture.realmResource().groups().group(mid).toRepresentation().getParentId(),
                    "round " + round + ": mid's parent");
            assertEquals(mid, fixture.realmResource().groups().group(leaf).toRepresentation().getParentId(),
                    "round " + round + ": leaf's parent");
        }
    }

    /**
     * Parallel membership PATCHes of one group (an outbound sync pushing a group's members): every member lands, and
     * each answer carries a version of its own, so no change was applied on a version another one had already moved.
     */
    @RepeatedTest(2)
    void parallelMemberAddsToOneGroupAllLandWithVersionsOfTheirOwn(KeycloakServer kc) {
        ScimFixture fixture = ScimFixture.create(kc);
        String group = createGroup(fixture.http(), "crowd");
        List<ScimHttp.Reply> replies = addMembersInParallel(fixture, group, "?excludedAttributes=members");
        Set<String> versions = replies.stream().map(reply -> reply.assertStatus(200).header("ETag")).collect(Collectors.toSet());
        assertEquals(replies.size(), versions.size(), versions.toString());
    }

    /**
     * The same with the PATCH Entra ID and Okta send (no attributes asked for: 204, no lock taken beforehand): every
     * member lands, the group's version moved.
     */
    @RepeatedTest(2)
    void parallelPlainMemberAddsToOneGroupAllLand(KeycloakServer kc) {
        ScimFixture fixture = ScimFixture.create(kc);
        String group = createGroup(fixture.http(), "crowd");
        String before = fixture.http().get("/Groups/" + group).header("ETag");
        addMembersInParallel(fixture, group, "").forEach(reply -> reply.assertStatus(204));
        assertNotEquals(before, fixture.http().get("/Groups/" + group).header("ETag"));
    }

    /** Six new users added to the group by six PATCHes at once; asserts that all six are members afterwards. */
    private static List<ScimHttp.Reply> addMembersInParallel(ScimFixture fixture, String group, String query) {
        ScimHttp http = fixture.http();
        List<String> users = IntStream.range(0, 6)
                .mapToObj(i -> http.post("/Users", ScimUsersIT.user(group + "-" + i)).assertStatus(201).json().path("id").asText())
                .toList();
        ExecutorService pool = Executors.newFixedThreadPool(users.size());
        List<ScimHttp.Reply> replies;
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<ScimHttp.Reply>> calls = users.stream()
                    .map(user -> CompletableFuture.supplyAsync(() -> awaitThen(start,
                            () -> http.patch("/Groups/" + group + query, addUserMember(user))), pool))
                    .toList();
            start.countDown();
            replies = calls.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }
        assertEquals(users.size(), fixture.realmResource().groups().group(group).members().size());
        return replies;
    }

    private static Map<String, Object> addUserMember(String id) {
        return Map.of("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
                "Operations", List.of(Map.of("op", "add", "path", "members", "value", List.of(Map.of("value", id)))));
    }

    private static String createGroup(ScimHttp http, String name) {
        return http.post("/Groups", Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:Group"), "displayName", name))
                .assertStatus(201).json().path("id").asText();
    }

    private static Map<String, Object> addGroupMember(String id) {
        return Map.of("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
                "Operations", List.of(Map.of("op", "add", "path", "members", "value", List.of(Map.of("value", id, "type", "Group")))));
    }

    private static <T> T awaitThen(CountDownLatch latch, java.util.function.Supplier<T> call) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return call.get();
    }
}
