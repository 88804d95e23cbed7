package io.github.kcprovisioning.scim.token;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

import java.util.List;

/** Registers the {@code PROV_SCIM_TOKEN} table (entity + Liquibase changelog) with Keycloak's JPA layer. */
public class ScimTokenEntityProviderFactory implements JpaEntityProviderFactory, JpaEntityProvider {

    public static final String ID = "provisioning-scim-tokens";

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public List<Class<?>> getEntities() {
        return List.of(ScimTokenEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return "META-INF/provisioning-scim-changelog.xml";
    }

    @Override
    public String getFactoryId() {
        return ID;
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
        return ID;
    }
}
