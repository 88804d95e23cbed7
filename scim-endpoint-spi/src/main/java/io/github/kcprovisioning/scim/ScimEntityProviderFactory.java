package io.github.kcprovisioning.scim;

import io.github.kcprovisioning.scim.group.GroupVersions;
import io.github.kcprovisioning.scim.group.MembershipChanges;
import io.github.kcprovisioning.scim.group.ScimGroupMetaEntity;
import io.github.kcprovisioning.scim.token.ScimTokenEntity;
import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

import java.util.List;

/**
 * Registers the SCIM endpoint's tables ({@code PROV_SCIM_TOKEN}, {@code PROV_SCIM_GROUP_META}: entities + Liquibase
 * changelog) with Keycloak's JPA layer, and removes a group's row of the latter with the group.
 */
public class ScimEntityProviderFactory implements JpaEntityProviderFactory, JpaEntityProvider {

    /** Also names the Liquibase changelog table of these tables in existing databases: never change it. */
    public static final String ID = "provisioning-scim-tokens";

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public List<Class<?>> getEntities() {
        return List.of(ScimTokenEntity.class, ScimGroupMetaEntity.class);
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
        factory.register(GroupVersions::onEvent);
        factory.register(MembershipChanges::onEvent);
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
