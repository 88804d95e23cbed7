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
import java.util.Set;

/**
 * Finds groups in bulk: those a source created, by external id, and the named children of a set of parents, each in
 * one query per chunk: a login asserting 500 groups costs one round trip, not 500 (the group attribute table is
 * indexed by name and value, the group table by parent and name).
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

    /** How many groups of this realm carry {@code source} as provenance. */
    long countBySource(RealmModel realm, String source) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createQuery("select count(a) from GroupAttributeEntity a where a.group.realm = :realm"
                        + " and a.name = :sourceName and a.value = :source", Long.class)
                .setParameter("realm", realm.getId())
                .setParameter("sourceName", GroupProvenance.SOURCE)
                .setParameter("source", source)
                .getSingleResult();
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

    /**
     * Id, parent id and name of the groups of this realm below any of {@code parentIds} named any of {@code names}: the
     * children of one tree level in one query per chunk (the caller keeps the parent/name pairs it asked for).
     */
    List<String[]> childIds(RealmModel realm, Set<String> parentIds, Set<String> names) {
        List<String[]> result = new ArrayList<>();
        if (parentIds.isEmpty() || names.isEmpty()) {
            return result;
        }
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        List<String> nameList = new ArrayList<>(names);
        for (int from = 0; from < nameList.size(); from += CHUNK) {
            em.createQuery("select g.id, g.parentId, g.name from GroupEntity g where g.realm = :realm"
                            + " and g.parentId in :parents and g.name in :names", Object[].class)
                    .setParameter("realm", realm.getId())
                    .setParameter("parents", parentIds)
                    .setParameter("names", nameList.subList(from, Math.min(nameList.size(), from + CHUNK)))
                    .getResultList()
                    .forEach(row -> result.add(new String[] {(String) row[0], (String) row[1], (String) row[2]}));
        }
        return result;
    }
}
