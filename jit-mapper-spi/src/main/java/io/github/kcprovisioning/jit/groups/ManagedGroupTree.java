package io.github.kcprovisioning.jit.groups;

import org.jboss.logging.Logger;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The part of a realm's group tree one JIT mapper manages: everything below its root group. Resolves asserted groups to
 * Keycloak groups, creating missing ones (and the root) strictly inside it. Lookups go by the external id stored on the
 * group, so a renamed source group is renamed in place; new groups are created in their own short transaction so that
 * two users logging in at once with the same new group end up with one group.
 */
final class ManagedGroupTree {

    private static final Logger LOG = Logger.getLogger(ManagedGroupTree.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final String source;
    private final GroupModel root;

    private ManagedGroupTree(KeycloakSession session, RealmModel realm, String source, GroupModel root) {
        this.session = session;
        this.realm = realm;
        this.source = source;
        this.root = root;
    }

    /** Opens the tree below {@code rootPath}, creating the root chain if it does not exist yet. */
    static ManagedGroupTree open(KeycloakSession session, RealmModel realm, String source, List<String> rootPath) {
        ManagedGroupTree creator = new ManagedGroupTree(session, realm, source, null);
        GroupModel parent = null;
        for (String segment : rootPath) {
            GroupModel child = session.groups().getGroupByName(realm, parent, segment);
            parent = child != null ? child : creator.createInOwnTransaction(parent, segment, null);
        }
        return new ManagedGroupTree(session, realm, source, parent);
    }

    GroupModel root() {
        return root;
    }

    /** True for groups strictly below the root. */
    boolean contains(GroupModel group) {
        for (GroupModel g = group.getParent(); g != null; g = g.getParent()) {
            if (g.getId().equals(root.getId())) {
                return true;
            }
        }
        return false;
    }

    /** The Keycloak group for each asserted group; groups that cannot be placed safely are logged and left out. */
    Map<ExternalGroup, GroupModel> resolve(List<ExternalGroup> groups) {
        Map<String, List<String>> known = new ExternalIdIndex(session)
                .groupIds(realm, source, groups.stream().map(ExternalGroup::externalId).toList());
        Map<ExternalGroup, GroupModel> resolved = new LinkedHashMap<>();
        for (ExternalGroup group : groups) {
            GroupModel existing = known.getOrDefault(group.externalId(), List.of()).stream()
                    .map(id -> session.groups().getGroupById(realm, id))
                    .filter(Objects::nonNull)
                    .filter(this::contains)
                    .findFirst().orElse(null);
            GroupModel model = existing != null ? renamedIfNeeded(existing, group) : createChain(group);
            if (model != null) {
                resolved.put(group, model);
            }
        }
        return resolved;
    }

    /** Ancestors of {@code group} strictly below the root, nearest first. */
    List<GroupModel> ancestorsBelowRoot(GroupModel group) {
        List<GroupModel> ancestors = new ArrayList<>();
        for (GroupModel g = group.getParent(); g != null && !g.getId().equals(root.getId()); g = g.getParent()) {
            ancestors.add(g);
        }
        return ancestors;
    }

    private GroupModel renamedIfNeeded(GroupModel existing, ExternalGroup group) {
        if (!group.stableId() || existing.getName().equals(group.name())) {
            return existing;
        }
        GroupModel clash = session.groups().getGroupByName(realm, existing.getParent(), group.name());
        if (clash != null) {
            LOG.warnf("JIT %s: cannot rename group %s '%s' to '%s': a sibling already has that name; keeping the old name",
                    source, existing.getId(), existing.getName(), group.name());
            return existing;
        }
        LOG.infof("JIT %s: renaming group %s (external id %s) from '%s' to '%s'",
                source, existing.getId(), group.externalId(), existing.getName(), group.name());
        existing.setName(group.name());
        return existing;
    }

    private GroupModel createChain(ExternalGroup group) {
        GroupModel parent = root;
        List<String> path = group.path();
        for (int i = 0; i < path.size(); i++) {
            boolean leaf = i == path.size() - 1;
            // inner segments of a path are identified by their own path, a leaf by the group's external id
            String externalId = leaf ? group.externalId() : "/" + String.join("/", path.subList(0, i + 1));
            GroupModel child = session.groups().getGroupByName(realm, parent, path.get(i));
            if (child == null) {
                child = createInOwnTransaction(parent, path.get(i), externalId);
            } else if (!belongsTo(child, externalId)) {
                LOG.warnf("JIT %s: group '%s' asserted by the identity provider clashes with existing group %s of the same name"
                        + " that has another external id; skipping it", source, group.displayPath(), child.getId());
                return null;
            }
            parent = child;
        }
        return parent;
    }

    /** A same-named group may be used if JIT made it for this external id, or if an admin made it (no provenance). */
    private boolean belongsTo(GroupModel group, String externalId) {
        if (!GroupProvenance.isMarked(group)) {
            return true;
        }
        return source.equals(group.getFirstAttribute(GroupProvenance.SOURCE))
                && externalId.equals(group.getFirstAttribute(GroupProvenance.EXTERNAL_ID));
    }

    /**
     * Creates {@code name} under {@code parent} in a separate transaction that commits at once. If a concurrent login
     * created the same group first, the sibling-name unique constraint makes this fail and we use theirs.
     */
    private GroupModel createInOwnTransaction(GroupModel parent, String name, String externalId) {
        String parentId = parent == null ? null : parent.getId();
        String realmId = realm.getId();
        try {
            String id = KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(), s -> {
                RealmModel r = s.realms().getRealm(realmId);
                s.getContext().setRealm(r);
                GroupModel p = parentId == null ? null : s.groups().getGroupById(r, parentId);
                GroupModel existing = s.groups().getGroupByName(r, p, name);
                if (existing != null) {
                    return existing.getId();
                }
                GroupModel created = s.groups().createGroup(r, name, p);
                if (externalId != null) {
                    GroupProvenance.mark(created, source, externalId);
                }
                LOG.infof("JIT %s: created group '%s' (%s)", source, KeycloakModelUtils.buildGroupPath(created), created.getId());
                return created.getId();
            });
            return session.groups().getGroupById(realm, id);
        } catch (RuntimeException e) {
            GroupModel winner = session.groups().getGroupByName(realm, parent, name);
            if (winner == null) {
                throw e;
            }
            LOG.debugf("JIT %s: group '%s' was created concurrently; using %s", source, name, winner.getId());
            return winner;
        }
    }
}
