package io.github.kcprovisioning.scim.api;

import io.github.kcprovisioning.scim.console.ConsoleResource;
import io.github.kcprovisioning.scim.console.EffectiveSettingsResource;
import io.github.kcprovisioning.scim.settings.RealmScimSettings;
import io.github.kcprovisioning.scim.settings.ServerSettings;
import io.github.kcprovisioning.scim.token.ScimTokenResource;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.keycloak.models.KeycloakSession;

/** {@code /realms/{realm}/provisioning}: the SCIM endpoint, its token management and settings, and the admin page. */
public class ProvisioningRootResource {

    private final KeycloakSession session;
    private final ServerSettings server;

    public ProvisioningRootResource(KeycloakSession session, ServerSettings server) {
        this.session = session;
        this.server = server;
    }

    @Path("scim-tokens/{clientId}")
    public ScimTokenResource scimTokens(@PathParam("clientId") String clientId) {
        return new ScimTokenResource(session, clientId);
    }

    @Path("settings")
    public EffectiveSettingsResource settings() {
        return new EffectiveSettingsResource(session, server);
    }

    @Path("console")
    public ConsoleResource console() {
        return new ConsoleResource(session.getContext().getUri());
    }

    @Path("scim/v2")
    public ScimV2Resource scim() {
        RealmScimSettings realmSettings = RealmScimSettings.of(session.getContext().getRealm(), server);
        return new ScimV2Resource(session, ScimDispatcher.scim(session, realmSettings));
    }
}
