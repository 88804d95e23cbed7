package io.github.kcprovisioning.sync.scim;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import io.github.kcprovisioning.sync.capture.OutboundEventListenerFactory;
import io.github.kcprovisioning.sync.outbox.OutboxRepository;
import io.github.kcprovisioning.sync.outbox.RemoteLinkStore;
import io.github.kcprovisioning.sync.target.OutboundTargetProvider;
import io.github.kcprovisioning.sync.target.OutboundTargetProviderFactory;
import io.github.kcprovisioning.sync.target.TargetScope;
import io.github.kcprovisioning.sync.target.TargetSettings;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.vault.VaultStringSecret;

/** Outbound target kind {@code scim-target}: any SCIM 2.0 (RFC 7644) service. */
public class ScimTargetProviderFactory implements OutboundTargetProviderFactory {

    public static final String ID = "scim-target";
    private static final Logger LOG = Logger.getLogger(ScimTargetProviderFactory.class);

    /** also the fields of the admin-console page ({@link ScimTargetPageFactory}) */
    static final List<ProviderConfigProperty> PROPERTIES = new ArrayList<>();
    /** message key, as the labels and help texts of the properties */
    static final String HELP_TEXT = "outboundScimTargetHelp";

    static {
        PROPERTIES.addAll(ScimTargetConfig.PROPERTIES);
        PROPERTIES.addAll(TargetScope.PROPERTIES);
        PROPERTIES.addAll(TargetSettings.PROPERTIES);
    }

    /** one client per node: the JDK client pools connections and is thread-safe */
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final TokenCache tokens = new TokenCache();

    @Override
    public OutboundTargetProvider create(KeycloakSession session, ComponentModel model) {
        RealmModel realm = session.realms().getRealm(model.getParentId());
        ScimTargetConfig config = ScimTargetConfig.of(model);
        ScimAuthenticator authenticator = new ScimAuthenticator(model.getId(), config, value -> resolveVault(session, value), http, tokens);
        return new ScimTargetProvider(session, realm, config, new ScimClient(config, http, authenticator),
                new RemoteLinkStore(entityManager(session), model.getId()), TargetScope.of(session, realm, model));
    }

    private static String resolveVault(KeycloakSession session, String value) {
        try (VaultStringSecret secret = session.vault().getStringSecret(value)) {
            return secret.get().orElse(value);
        }
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model) throws ComponentValidationException {
        try {
            ScimTargetConfig.of(model);
            TargetSettings.of(model);
            TargetScope scope = TargetScope.of(session, realm, model);
            String path = model.get(TargetScope.SCOPE_GROUP);
            if (path != null && !path.isBlank() && !scope.includesGroupPath()) {
                throw new IllegalArgumentException("scope group " + path + " does not exist");
            }
        } catch (IllegalArgumentException e) {
            throw new ComponentValidationException(e.getMessage());
        }
    }

    /** user creations and profile updates reach us through the event listener: switch it on with the first target */
    @Override
    public void onCreate(KeycloakSession session, RealmModel realm, ComponentModel model) {
        if (realm.getEventsListenersStream().noneMatch(OutboundEventListenerFactory.ID::equals)) {
            List<String> listeners = new ArrayList<>(realm.getEventsListenersStream().toList());
            listeners.add(OutboundEventListenerFactory.ID);
            realm.setEventsListeners(new HashSet<>(listeners));
            LOG.infof("Enabled event listener %s on realm %s for outbound target %s", OutboundEventListenerFactory.ID,
                    realm.getName(), model.getName());
        }
    }

    /** new credentials, URL or limits: forget cached tokens and limits, and retry the waiting queue now */
    @Override
    public void onUpdate(KeycloakSession session, RealmModel realm, ComponentModel oldModel, ComponentModel newModel) {
        tokens.invalidateTarget(newModel.getId());
        OutboundEventListenerFactory.of(session.getKeycloakSessionFactory()).targetChanged(newModel.getId());
        new OutboxRepository(entityManager(session)).retryNow(newModel.getId(), System.currentTimeMillis());
        OutboundEventListenerFactory.nudgeDrainerAfterCommit(session);
    }

    /** the target's queue and links die with it */
    @Override
    public void preRemove(KeycloakSession session, RealmModel realm, ComponentModel model) {
        EntityManager em = entityManager(session);
        new OutboxRepository(em).deleteAllOf(model.getId());
        new RemoteLinkStore(em, model.getId()).deleteAll();
        tokens.invalidateTarget(model.getId());
    }

    private static EntityManager entityManager(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    @Override
    public String getHelpText() {
        return HELP_TEXT;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return PROPERTIES;
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
