package io.github.kcprovisioning.scim.api;

import io.github.kcprovisioning.scim.ScimSettings;
import jakarta.ws.rs.Path;
import org.keycloak.models.KeycloakSession;

/** {@code /realms/{realm}/provisioning}: room for more than SCIM under one realm resource. */
public class ProvisioningRootResource {

    private final KeycloakSession session;
    private final ScimSettings settings;

    public ProvisioningRootResource(KeycloakSession session, ScimSettings settings) {
        this.session = session;
        this.settings = settings;
    }

    @Path("scim/v2")
    public ScimV2Resource scim() {
        return new ScimV2Resource(session, settings);
    }
}
