package io.github.kcprovisioning.sync.outbox;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Registers the outbox and link tables with Keycloak's persistence unit and their Liquibase changelog. */
public class OutboxJpaEntityProvider implements JpaEntityProvider, JpaEntityProviderFactory {

    public static final String ID = "provisioning-outbound-entities";

    @Override
    public List<Class<?>> getEntities() {
        return List.of(OutboxEntry.class, RemoteLink.class);
    }

    @Override
    public String getChangelogLocation() {
        return "META-INF/provisioning-outbound-changelog.xml";
    }

    @Override
    public String getFactoryId() {
        return ID;
    }

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public void close() {
    }
}
