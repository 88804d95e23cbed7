package io.github.kcprovisioning.it.sync;

import io.github.kcprovisioning.it.harness.KeycloakIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Base of the outbound tests (and of browser tests that watch deliveries) that deliver to a fresh in-memory SCIM target per test (started before, stopped after). */
@KeycloakIntegrationTest
public abstract class InMemoryTargetTest {

    protected InMemoryScimServer scim;

    @BeforeEach
    protected void startTarget() throws Exception {
        scim = new InMemoryScimServer();
    }

    @AfterEach
    protected void stopTarget() {
        scim.close();
    }
}
