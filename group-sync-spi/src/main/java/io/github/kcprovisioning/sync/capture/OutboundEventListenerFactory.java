package io.github.kcprovisioning.sync.capture;

import java.util.List;

import io.github.kcprovisioning.sync.drain.Drainer;
import io.github.kcprovisioning.sync.drain.DrainerConfig;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Event listener {@code provisioning-outbound}. Also the owner of this node's drainer and of the model-event capture,
 * so that capture and delivery live and die with the provider.
 */
public class OutboundEventListenerFactory implements EventListenerProviderFactory {

    public static final String ID = "provisioning-outbound";
    private static final String NUDGE_ENLISTED = OutboundEventListenerFactory.class.getName() + ".nudge";

    private DrainerConfig config;
    private volatile Drainer drainer;

    public static OutboundEventListenerFactory of(KeycloakSessionFactory sessionFactory) {
        return (OutboundEventListenerFactory) sessionFactory.getProviderFactory(EventListenerProvider.class, ID);
    }

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new OutboundEventListener(session);
    }

    @Override
    public void init(Config.Scope scope) {
        config = DrainerConfig.from(scope);
    }

    @Override
    public void postInit(KeycloakSessionFactory sessionFactory) {
        sessionFactory.register(new ModelChangeCapture());
        if (config.enabled()) {
            // the outbox table exists only once Keycloak has run the schema migration (our Liquibase changelog included)
            sessionFactory.register(event -> {
                if (event instanceof PostMigrationEvent) {
                    startDrainer(sessionFactory);
                }
            });
        }
    }

    private synchronized void startDrainer(KeycloakSessionFactory sessionFactory) {
        if (drainer == null) {
            drainer = new Drainer(sessionFactory, config);
            drainer.start();
        }
    }

    /**
     * Low latency: wakes this node's drainer as soon as the transaction's rows are visible instead of at the next poll.
     * Once per transaction; nothing happens on rollback.
     */
    public static void nudgeDrainerAfterCommit(KeycloakSession session) {
        if (session.getAttribute(NUDGE_ENLISTED) != null) {
            return;
        }
        session.setAttribute(NUDGE_ENLISTED, Boolean.TRUE);
        OutboundEventListenerFactory factory = of(session.getKeycloakSessionFactory());
        session.getTransactionManager().enlistAfterCompletion(new AfterCommit(factory::nudgeDrainer));
    }

    public void nudgeDrainer() {
        if (drainer != null) {
            drainer.nudge();
        }
    }

    public void targetChanged(String targetId) {
        if (drainer != null) {
            drainer.forgetTarget(targetId);
        }
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("drain-enabled").type("boolean").defaultValue(true)
                .helpText("Whether this node delivers outbox rows (every node still writes them).").add()
                .property().name("poll-interval-millis").type("long").defaultValue(1000L)
                .helpText("How often the drainer looks for due rows besides being woken up by local commits.").add()
                .property().name("workers").type("int").defaultValue(8)
                .helpText("Delivery threads of this node (across targets and resources).").add()
                .property().name("batch-size").type("int").defaultValue(64)
                .helpText("Rows leased per claim.").add()
                .property().name("lease-seconds").type("long").defaultValue(120L)
                .helpText("How long a leased row is reserved for this node; after that another node may take it over.").add()
                .property().name("delivered-retention-hours").type("long").defaultValue(24L)
                .helpText("How long delivered rows are kept (for the delivered count) before they are purged.").add()
                .build();
    }

    @Override
    public void close() {
        if (drainer != null) {
            drainer.close();
        }
    }

    @Override
    public String getId() {
        return ID;
    }
}
