package io.github.kcprovisioning.sync.capture;

import java.util.HashSet;
import java.util.Set;

import io.github.kcprovisioning.sync.outbox.Operation;
import io.github.kcprovisioning.sync.outbox.OutboxEntry;
import io.github.kcprovisioning.sync.outbox.OutboxRepository;
import io.github.kcprovisioning.sync.target.OutboundTargets;
import io.github.kcprovisioning.sync.target.TargetSettings;
import org.jboss.logging.Logger;
import org.keycloak.component.ComponentModel;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Writes outbox rows for one change, one per target of the realm, through the session's EntityManager: the rows are part
 * of the transaction that makes the change, so they commit or roll back with it.
 */
public final class ChangeRecorder {

    /** the same change is often reported twice (model event and admin event): one row is enough */
    private static final String RECORDED = ChangeRecorder.class.getName() + ".recorded";

    private static final Logger LOG = Logger.getLogger(ChangeRecorder.class);

    private final KeycloakSession session;

    public ChangeRecorder(KeycloakSession session) {
        this.session = session;
    }

    public void userChanged(RealmModel realm, String userId, String userName) {
        record(realm, Operation.USER_UPSERT, userId, null, userName);
    }

    public void userDeleted(RealmModel realm, String userId, String userName) {
        record(realm, Operation.USER_DELETE, userId, null, userName);
    }

    public void groupChanged(RealmModel realm, String groupId, String name) {
        record(realm, Operation.GROUP_UPSERT, null, groupId, name);
    }

    public void groupDeleted(RealmModel realm, String groupId, String name) {
        record(realm, Operation.GROUP_DELETE, null, groupId, name);
    }

    public void memberAdded(RealmModel realm, String groupId, String userId, String userName) {
        record(realm, Operation.MEMBER_ADD, userId, groupId, userName);
    }

    public void memberRemoved(RealmModel realm, String groupId, String userId, String userName) {
        record(realm, Operation.MEMBER_REMOVE, userId, groupId, userName);
    }

    private void record(RealmModel realm, Operation operation, String userId, String groupId, String name) {
        if (realm == null) {
            return;
        }
        String origin = ChangeOrigin.clientOf(session);
        long now = System.currentTimeMillis();
        OutboxRepository outbox = null;
        for (ComponentModel target : OutboundTargets.of(realm).toList()) {
            if (origin != null && origin.equals(TargetSettings.of(target).echoClientId())) {
                continue;
            }
            if (!firstInTransaction(target.getId() + '|' + operation + '|' + userId + '|' + groupId)) {
                continue;
            }
            if (outbox == null) {
                outbox = new OutboxRepository(session.getProvider(JpaConnectionProvider.class).getEntityManager());
                OutboundEventListenerFactory.nudgeDrainerAfterCommit(session);
            }
            outbox.add(new OutboxEntry(realm.getId(), target.getId(), operation, userId, groupId, name, now));
            LOG.debugf("Queued %s of %s (user %s, group %s) for target %s", operation, name, userId, groupId, target.getName());
        }
    }

    @SuppressWarnings("unchecked")
    private boolean firstInTransaction(String key) {
        Set<String> recorded = (Set<String>) session.getAttribute(RECORDED);
        if (recorded == null) {
            recorded = new HashSet<>();
            session.setAttribute(RECORDED, recorded);
        }
        return recorded.add(key);
    }
}
