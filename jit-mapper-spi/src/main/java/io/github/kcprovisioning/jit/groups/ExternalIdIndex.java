package io.github.kcprovisioning.jit.groups;

import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the groups a source created, by external id, in one query per chunk of ids: a login asserting 500 groups
 * costs one round trip, not 500 (the group attribute table is indexed by name and value).
 */
final class ExternalIdIndex {

    private static final int CHUNK = 500;

    private static final String QUERY = "select a.value, a.group.id from GroupAttributeEntity a, GroupAttributeEntity s"
            + " where a.group = s.group and a.group.realm = :realm"
            + " and a.name = :idName and a.value in :ids and s.name = :sourceName and s.value = :source";

    private final KeycloakSession session;

    ExternalIdIndex(KeycloakSession session) {
        this.session = session;
    }

    /** External id to the ids of the groups carrying it (normally one; more when an admin copied the attributes). */
    Map<String, List<String>> groupIds(RealmModel realm, String source, Collection<String> externalIds) {
        Map<String, List<String>> result = new HashMap<>();
        if (externalIds.isEmpty()) {
            return result;
        }
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        List<String> ids = new ArrayList<>(externalIds);
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<Object[]> rows = em.createQuery(QUERY, Object[].class)
                    .setParameter("realm", realm.getId())
                    .setParameter("idName", GroupProvenance.EXTERNAL_ID)
                    .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + CHUNK)))
                    .setParameter("sourceName", GroupProvenance.SOURCE)
                    .setParameter("source", source)
                    .getResultList();
            for (Object[] row : rows) {
                result.computeIfAbsent((String) row[0], k -> new ArrayList<>()).add((String) row[1]);
            }
        }
        return result;
    }
}
