package io.github.kcprovisioning.scim.console;

import org.keycloak.Config;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;

/**
 * Keeps {@link ConsoleClient} working when an admin renames its realm. Keycloak renames the realm and adjusts its own
 * clients in one step that extensions cannot hook into, and publishes no model event for it; what it does publish, inside the
 * same transaction, is the admin event of the realm update. This global listener then moves the client's generated base
 * URL and redirect URI to the new name ({@link ConsoleClient#followRename}), so that the rename and the move commit
 * together. A rename that bypasses the admin REST API is caught up at the next start.
 */
public final class ConsoleClientRenameListener implements EventListenerProvider {

    public static final String PROVIDER_ID = "provisioning-console-rename";

    private final KeycloakSession session;

    ConsoleClientRenameListener(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        if (event.getResourceType() != ResourceType.REALM || event.getOperationType() != OperationType.UPDATE) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        ClientModel client = realm == null ? null : realm.getClientByClientId(ConsoleClient.CLIENT_ID);
        if (client != null) {
            ConsoleClient.followRename(realm, client);
        }
    }

    @Override
    public void onEvent(Event event) {
        // user events are not our concern
    }

    @Override
    public void close() {
    }

    public static final class Factory implements EventListenerProviderFactory {

        @Override
        public EventListenerProvider create(KeycloakSession session) {
            return new ConsoleClientRenameListener(session);
        }

        /** Global: every realm, without being added to its event listeners. */
        @Override
        public boolean isGlobal() {
            return true;
        }

        @Override
        public void init(Config.Scope config) {
        }

        @Override
        public void postInit(KeycloakSessionFactory factory) {
        }

        @Override
        public void close() {
        }

        @Override
        public String getId() {
            return PROVIDER_ID;
        }
    }
}
