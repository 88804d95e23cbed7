package io.github.kcprovisioning.it.scim;

import io.github.kcprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import org.junit.jupiter.api.RepeatedTest;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    private static <T> T awaitThen(CountDownLatch latch, java.util.function.Supplier<T> call) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return call.get();
    }
}
