package io.github.kcprovisioning.sync.capture;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Users that a user-storage provider (LDAP, Kerberos, a custom one) imported into Keycloak's database. Keycloak emits no
 * event when such a provider creates or updates a local user during a sync, so after an admin-triggered sync every user the
 * provider has imported is queued: an upsert of an unchanged user is harmless, a missed one would never be sent.
 */
final class FederationImports {

    private static final Logger LOG = Logger.getLogger(FederationImports.class);

    private FederationImports() {}

    /** Queues an upsert of every user imported by the user-storage component {@code storageId}. */
    static void queueAll(KeycloakSession session, RealmModel realm, String storageId, ChangeRecorder recorder) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        int queued = 0;
        for (Tuple user : em.createQuery("""
                        select u.id as id, u.username as username from UserEntity u
                        where u.realmId = :realm and u.federationLink = :link
                        order by u.createdTimestamp, u.id""", Tuple.class)
                .setParameter("realm", realm.getId())
                .setParameter("link", storageId)
                .getResultList()) {
            recorder.userChanged(realm, user.get("id", String.class), user.get("username", String.class));
            queued++;
        }
        LOG.debugf("User storage %s synced: queued %d imported users of realm %s", storageId, queued, realm.getName());
    }
}
