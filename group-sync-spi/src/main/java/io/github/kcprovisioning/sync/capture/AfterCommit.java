package io.github.kcprovisioning.sync.capture;

import org.keycloak.models.KeycloakTransaction;

/** Runs an action once the request's transaction committed (never after a rollback). */
final class AfterCommit implements KeycloakTransaction {

    private final Runnable action;
    private boolean active;
    private boolean rollbackOnly;

    AfterCommit(Runnable action) {
        this.action = action;
    }

    @Override public void begin() { active = true; }
    @Override public void commit() { action.run(); }
    @Override public void rollback() { }
    @Override public void setRollbackOnly() { rollbackOnly = true; }
    @Override public boolean getRollbackOnly() { return rollbackOnly; }
    @Override public boolean isActive() { return active; }
}
