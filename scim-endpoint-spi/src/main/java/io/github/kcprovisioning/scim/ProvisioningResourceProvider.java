package io.github.kcprovisioning.scim;

import io.github.kcprovisioning.scim.api.ProvisioningRootResource;
import io.github.kcprovisioning.scim.settings.ServerSettings;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

public class ProvisioningResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;
    private final ServerSettings settings;

    ProvisioningResourceProvider(KeycloakSession session, ServerSettings settings) {
        this.session = session;
        this.settings = settings;
    }

    @Override
    public Object getResource() {
        return new ProvisioningRootResource(session, settings);
    }

    @Override
    public void close() {
    }
}
