package io.github.kcprovisioning.sync.target;

import io.github.kcprovisioning.sync.outbox.OutboxEntry;
import org.keycloak.provider.Provider;

/**
 * One configured outbound target (a realm component). Created per session for one component; applies outbox rows.
 */
public interface OutboundTargetProvider extends Provider {

    /**
     * Applies one outbox row on the target, reading the current local state. Runs inside the transaction that also
     * records the outcome, so remote links written here commit with it.
     *
     * @throws DeliveryException when the target did not apply it; {@link DeliveryException#retryable()} says whether
     *                           trying again can help
     */
    void deliver(OutboxEntry entry) throws DeliveryException;

    /** Asks the target whether it is reachable and accepts our credentials, changing nothing on it. */
    ConnectionCheck checkConnection();

    @Override
    default void close() {
    }
}
