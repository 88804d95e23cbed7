package io.github.kcprovisioning.scim.scope;

import com.unboundid.scim2.common.exceptions.ForbiddenException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.AbstractQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.jpa.entities.UserGroupMembershipEntity;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which Users and Groups one SCIM client may see and change. A client whose attribute {@value #ROOT_ATTRIBUTE} names a
 * group path (e.g. {@code /tenants/acme}) is confined to that root: its Groups are the groups below the root (the root
 * itself is the container, not a resource), its Users are the members of the root or of a group below it. Groups it
 * creates, or detaches from a parent, land directly under the root; users it creates join the root. Everything else
 * does not exist for it (404, left out of lists). A static SCIM token acts as its client and so has the client's scope.
 */
public final class ClientScope {

    public static final String ROOT_ATTRIBUTE = "scim.scope.root";

    private static final Logger LOG = Logger.getLogger(ClientScope.class);
    private static final ClientScope UNRESTRICTED = new ClientScope(null, Set.of());

    private final String rootId;
    /** The groups below the root; grows when this request creates or moves a group under it. */
    private final Set<String> groupIds;

    private ClientScope(String rootId, Set<String> groupIds) {
        this.rootId = rootId;
        this.groupIds = groupIds;
    }

    /** @throws ForbiddenException when the configured root group does not exist: a scoped client never sees everything */
    public static ClientScope of(KeycloakSession session, RealmModel realm, ClientModel client) throws ForbiddenException {
        String path = client.getAttribute(ROOT_ATTRIBUTE);
        if (path == null || path.isBlank()) {
            return UNRESTRICTED;
        }
        GroupModel root = KeycloakModelUtils.findGroupByPath(session, realm, path.trim());
        if (root == null) {
            LOG.warnf("SCIM client '%s' of realm '%s' is scoped to group '%s', which does not exist", client.getClientId(),
                    realm.getName(), path);
            throw new ForbiddenException("The scope root group of client '" + client.getClientId() + "' does not exist");
        }
        return new ClientScope(root.getId(), descendants(session.getProvider(JpaConnectionProvider.class).getEntityManager(),
                root.getId()));
    }

    /** The ids of all groups below the root, one query per tree level. */
    private static Set<String> descendants(EntityManager em, String rootId) {
        Set<String> ids = new HashSet<>();
        List<String> level = List.of(rootId);
        while (!level.isEmpty()) {
            level = em.createQuery("select g.id from GroupEntity g where g.parentId in :ids", String.class)
                    .setParameter("ids", level).getResultList().stream().filter(ids::add).toList();
        }
        return ids;
    }

    public boolean restricted() {
        return rootId != null;
    }

    /** The condition on a {@code GroupEntity} row for being one of this client's Groups. */
    public Predicate groups(CriteriaBuilder cb, Root<?> group) {
        if (!restricted()) {
            return cb.conjunction();
        }
        return groupIds.isEmpty() ? cb.disjunction() : group.get("id").in(groupIds);
    }

    /** The condition on a {@code UserEntity} row for being one of this client's Users: a member of the root or below it. */
    public Predicate users(CriteriaBuilder cb, AbstractQuery<?> query, Root<?> user) {
        if (!restricted()) {
            return cb.conjunction();
        }
        Subquery<String> sub = query.subquery(String.class);
        Root<UserGroupMembershipEntity> membership = sub.from(UserGroupMembershipEntity.class);
        Set<String> containers = new HashSet<>(groupIds);
        containers.add(rootId);
        return cb.exists(sub.select(membership.get("groupId"))
                .where(cb.equal(membership.get("user"), user), membership.get("groupId").in(containers)));
    }

    public boolean containsGroup(String groupId) {
        return !restricted() || groupIds.contains(groupId);
    }

    public boolean containsUser(UserModel user) {
        return !restricted() || user.getGroupsStream().anyMatch(g -> g.getId().equals(rootId) || groupIds.contains(g.getId()));
    }

    /** Where a group without a parent goes: under the root, or top level ({@code null}) for an unrestricted client. */
    public GroupModel topLevel(KeycloakSession session, RealmModel realm) {
        return rootId == null ? null : session.groups().getGroupById(realm, rootId);
    }

    /** Whether a group has no SCIM parent: it sits directly under the root (top level for an unrestricted client). */
    public boolean isTopLevel(GroupModel group) {
        return rootId == null ? group.getParentId() == null : rootId.equals(group.getParentId());
    }

    /** A group this request created under the root. */
    public void admit(GroupModel group) {
        if (restricted()) {
            groupIds.add(group.getId());
        }
    }

    /** A user this client created joins the root, which puts it in scope. */
    public void admit(UserModel user, KeycloakSession session, RealmModel realm) {
        if (restricted()) {
            user.joinGroup(topLevel(session, realm));
        }
    }
}
