package io.github.kcprovisioning.jit;

import jakarta.ws.rs.core.Response;
import org.keycloak.Config;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.ErrorResponse;

/**
 * Validates JIT mapper configs when an admin saves them. Keycloak 26.7 has no validation hook for identity-provider mappers,
 * but it reports every mapper create/update to event listeners inside the admin request's transaction. This global
 * listener re-reads the saved mapper and, if its config cannot work, fails the transaction before it commits: the admin
 * gets HTTP 400 with the list of problems, and nothing is stored.
 */
public final class MapperConfigGuard implements EventListenerProvider {

    public static final String PROVIDER_ID = "jit-mapper-config-guard";

    private final KeycloakSession session;

    MapperConfigGuard(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        if (event.getResourceType() != ResourceType.IDENTITY_PROVIDER_MAPPER
                || (event.getOperationType() != OperationType.CREATE && event.getOperationType() != OperationType.UPDATE)
                || event.getResourcePath() == null) {
            return;
        }
        String path = event.getResourcePath();
        String mapperId = path.substring(path.lastIndexOf('/') + 1);
        IdentityProviderMapperModel mapper = session.identityProviders().getMapperById(mapperId);
        if (mapper == null) {
            return;
        }
        try {
            MapperConfigValidation.validate(session, mapper.getIdentityProviderAlias(), mapper.getIdentityProviderMapper(),
                    mapper.getConfig());
        } catch (InvalidMapperConfigException e) {
            String message = "Invalid " + mapper.getIdentityProviderMapper() + " mapper '" + mapper.getName() + "': " + e.getMessage();
            session.getTransactionManager().enlistPrepare(new AbstractKeycloakTransaction() {
                @Override
                protected void commitImpl() {
                    throw ErrorResponse.error(message, Response.Status.BAD_REQUEST);
                }

                @Override
                protected void rollbackImpl() {
                    // nothing of our own to undo
                }
            });
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
            return new MapperConfigGuard(session);
        }

        /** Global: guards every realm without being added to its event listeners. */
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
