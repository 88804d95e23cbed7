package io.github.kcprovisioning.it.harness;

/** A Keycloak this harness started and must stop. */
public interface ManagedKeycloak extends KeycloakServer, AutoCloseable {

    /** Stops the server and releases its ports; never throws. */
    @Override
    void close();
}
