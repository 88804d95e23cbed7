package io.github.kcprovisioning.jit.expiry;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Finds, in the database, the users of a realm whose last login through an identity provider is older than a cutoff:
 * one indexed query on the user-attribute table per policy, oldest first, at most {@code limit} ids (a sweep works in batches).
 */
final class StaleAccounts {
    private StaleAccounts() {
    }

    static List<String> find(KeycloakSession session, RealmModel realm, ExpiryPolicy policy, Instant now, int limit) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        String onlyEnabled = policy.action() == ExpiryAction.DISABLE ? " and a.user.enabled = true" : "";
        TypedQuery<String> query = em.createQuery(
                "select a.user.id from UserAttributeEntity a"
                        + " where a.name = :name and a.value < :cutoff and a.user.realmId = :realmId" + onlyEnabled
                        + " order by a.value", String.class);
        return query.setParameter("name", BrokerLoginClock.attribute(policy.idpAlias()))
                .setParameter("cutoff", BrokerLoginClock.encode(now.minus(policy.inactivity())))
                .setParameter("realmId", realm.getId())
                .setMaxResults(limit)
                .getResultList();
    }
}
