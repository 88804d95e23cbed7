package io.github.kcprovisioning.it.sync;

import io.github.kcprovisioning.it.harness.KeycloakIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Base of the outbound tests that deliver to a fresh in-memory SCIM target per test (started before, stopped after). */
@KeycloakIntegrationTest
abstract class InMemoryTargetTest {

    protected InMemoryScimServer scim;

    @BeforeEach
    void startTarget() throws Exception {
        scim = new InMemoryScimServer();
    }

    @AfterEach
    void stopTarget() {
        scim.close();
    }
}
