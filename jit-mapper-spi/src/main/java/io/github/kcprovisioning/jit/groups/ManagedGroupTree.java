package io.github.kcprovisioning.jit.groups;

import io.github.kcprovisioning.jit.lifecycle.AutomationAudit;
import org.jboss.logging.Logger;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The part of a realm's group tree one JIT mapper manages: everything below its root group. Resolves asserted groups to
 * Keycloak groups, creating missing ones (and the root) strictly inside it. Lookups go by the external id stored on the
 * group, so a renamed source group is renamed in place; new groups are created level by level, each level's in one short
 * transaction of its own, so that two users logging in at once with the same new group end up with one group.
 */
final class ManagedGroupTree {

    private static final Logger LOG = Logger.getLogger(ManagedGroupTree.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final String source;
    /** The origin named in the admin events of the groups this tree creates. */
    private final String origin;
    private final GroupModel root;
    private final long maxCreated;
    /** Groups of this source in the realm; counted on the first creation of a login, then kept up to date. */
    private Long createdSoFar;

    private ManagedGroupTree(KeycloakSession session, RealmModel realm, String source, String origin, GroupModel root,
                             long maxCreated) {
        this.session = session;
        this.realm = realm;
        this.source = source;
        this.origin = origin;
        this.root = root;
        this.maxCreated = maxCreated;
    }

    /**
     * Opens the tree below {@code rootPath}, creating the root chain if it does not exist yet. At most {@code maxCreated}
     * groups of this source may exist in the realm: a hostile or broken IdP cannot create groups without bound.
     */
    static ManagedGroupTree open(KeycloakSession session, RealmModel realm, String source, String origin, List<String> rootPath,
                                 long maxCreated) {
        ManagedGroupTree creator = new ManagedGroupTree(session, realm, source, origin, null, maxCreated);
        GroupModel parent = null;
        for (String segment : rootPath) {
            GroupModel child = session.groups().getGroupByName(realm, parent, segment);
            parent = child != null ? child : creator.createInOwnTransaction(parent, segment, null);
        }
        return new ManagedGroupTree(session, realm, source, origin, parent, maxCreated);
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

    /**
     * The Keycloak group for each asserted group; groups that cannot be placed safely are logged and left out.
     * {@code formerIds} gives, for sources without stable ids, the external ids a group had before an admin-declared
     * rename: such a group is renamed in place (keeping its position in the tree) instead of created anew.
     */
    Map<ExternalGroup, GroupModel> resolve(List<ExternalGroup> groups, Function<ExternalGroup, List<String>> formerIds) {
        Set<String> lookup = new LinkedHashSet<>();
        groups.forEach(g -> {
            lookup.add(g.externalId());
            lookup.addAll(formerIds.apply(g));
        });
        Map<String, List<String>> known = new ExternalIdIndex(session).groupIds(realm, source, lookup);
        Map<ExternalGroup, GroupModel> resolved = new LinkedHashMap<>();
        List<ExternalGroup> unknown = new ArrayList<>();
        // renames first: a renamed parent has its new name before a new child's chain looks it up by name
        for (ExternalGroup group : groups) {
            GroupModel existing = inTree(known, group.externalId());
            GroupModel former = existing != null ? null : formerIds.apply(group).stream().map(id -> inTree(known, id))
                    .filter(Objects::nonNull).findFirst().orElse(null);
            GroupModel model = existing != null ? renamedIfNeeded(existing, group)
                    : former != null ? renamedFromFormerName(former, group) : null;
            if (model != null) {
                resolved.put(group, model);
            } else if (existing == null && former == null) {
                unknown.add(group);
            }
        }
        resolved.putAll(placeByName(unknown));
        return resolved;
    }

    private GroupModel inTree(Map<String, List<String>> known, String externalId) {
        return known.getOrDefault(externalId, List.of()).stream()
                .map(id -> session.groups().getGroupById(realm, id))
                .filter(Objects::nonNull)
                .filter(this::contains)
                .findFirst().orElse(null);
    }

    private GroupModel renamedFromFormerName(GroupModel former, ExternalGroup group) {
        if (session.groups().getGroupByName(realm, former.getParent(), group.name()) != null) {
            LOG.warnf("JIT %s: cannot rename group %s '%s' to '%s': a sibling already has that name",
                    source, former.getId(), former.getName(), group.name());
            return null;
        }
        LOG.infof("JIT %s: group %s '%s' is now '%s' (declared former name)", source, former.getId(), former.getName(),
                group.name());
        former.setName(group.name());
        GroupProvenance.mark(former, source, group.externalId());
        return former;
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

    /** A child to find or create: the parent's id and the child's name (unique among siblings in Keycloak). */
    private record Slot(String parentId, String name) {}

    /**
     * Places groups the external-id index does not know by walking their paths from the root, one tree level at a time:
     * one query finds the existing children of the level, and all missing ones are created in one short transaction
     * (a first login asserting 500 new groups commits once, not 500 times).
     */
    private Map<ExternalGroup, GroupModel> placeByName(List<ExternalGroup> groups) {
        Map<ExternalGroup, GroupModel> placed = new LinkedHashMap<>();
        Map<ExternalGroup, GroupModel> parentOf = new LinkedHashMap<>();
        groups.forEach(g -> parentOf.put(g, root));
        for (int depth = 0; !parentOf.isEmpty(); depth++) {
            int level = depth;
            Map<Slot, String> needed = new LinkedHashMap<>(); // slot -> the external id its group must carry
            Map<String, GroupModel> parents = new HashMap<>();
            parentOf.forEach((group, parent) -> {
                needed.putIfAbsent(new Slot(parent.getId(), group.path().get(level)), externalIdAt(group, level));
                parents.put(parent.getId(), parent);
            });
            Map<Slot, GroupModel> children = existingChildren(needed.keySet());
            List<Slot> missing = needed.keySet().stream().filter(slot -> !children.containsKey(slot)).toList();
            children.putAll(create(allowedToCreate(missing), needed, parents));
            Map<ExternalGroup, GroupModel> next = new LinkedHashMap<>();
            parentOf.forEach((group, parent) -> {
                GroupModel child = children.get(new Slot(parent.getId(), group.path().get(level)));
                if (child == null) {
                    return; // over the creation cap (logged)
                }
                if (!belongsTo(child, externalIdAt(group, level))) {
                    LOG.warnf("JIT %s: group '%s' asserted by the identity provider clashes with existing group %s of the same"
                            + " name that has another external id; skipping it", source, group.displayPath(), child.getId());
                } else if (level == group.path().size() - 1) {
                    placed.put(group, child);
                } else {
                    next.put(group, child);
                }
            });
            parentOf.clear();
            parentOf.putAll(next);
        }
        return placed;
    }

    /** Inner segments are identified by their own external id (their path, or their id from a parent claim), a leaf by the group's. */
    private static String externalIdAt(ExternalGroup group, int level) {
        return level == group.path().size() - 1 ? group.externalId() : group.ancestorIds().get(level);
    }

    private Map<Slot, GroupModel> existingChildren(Set<Slot> slots) {
        Map<Slot, GroupModel> children = new HashMap<>();
        new ExternalIdIndex(session).childIds(realm, slots.stream().map(Slot::parentId).collect(Collectors.toSet()),
                        slots.stream().map(Slot::name).collect(Collectors.toSet()))
                .forEach(row -> {
                    Slot slot = new Slot(row[1], row[2]);
                    if (slots.contains(slot)) {
                        children.put(slot, session.groups().getGroupById(realm, row[0]));
                    }
                });
        return children;
    }

    /** The first missing slots up to the cap on groups this source may have created; the rest are logged and skipped. */
    private List<Slot> allowedToCreate(List<Slot> missing) {
        if (missing.isEmpty()) {
            return missing;
        }
        if (createdSoFar == null) {
            createdSoFar = new ExternalIdIndex(session).countBySource(realm, source);
        }
        long allowed = Math.max(0, maxCreated - createdSoFar);
        if (missing.size() > allowed) {
            LOG.warnf("JIT %s: not creating %d group(s), e.g. '%s': this identity provider already has %d groups, the"
                    + " configured maximum is %d", source, missing.size() - allowed, missing.get((int) allowed).name(),
                    createdSoFar, maxCreated);
            return missing.subList(0, (int) allowed);
        }
        return missing;
    }

    /**
     * Creates the missing children of one level in one short transaction of their own. If a concurrent login created one
     * of them first, the sibling-name unique constraint fails that transaction; then each is created on its own, where
     * the loser of a race uses the winner's group.
     */
    private Map<Slot, GroupModel> create(List<Slot> missing, Map<Slot, String> externalIds, Map<String, GroupModel> parents) {
        Map<Slot, GroupModel> created = new HashMap<>();
        if (missing.isEmpty()) {
            return created;
        }
        String realmId = realm.getId();
        try {
            Map<Slot, String> ids = KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(), s -> {
                RealmModel r = s.realms().getRealm(realmId);
                s.getContext().setRealm(r);
                Map<String, GroupModel> parentsHere = new HashMap<>();
                Map<Slot, String> result = new LinkedHashMap<>();
                for (Slot slot : missing) {
                    GroupModel parent = parentsHere.computeIfAbsent(slot.parentId(), id -> s.groups().getGroupById(r, id));
                    GroupModel group = s.groups().createGroup(r, slot.name(), parent);
                    GroupProvenance.mark(group, source, externalIds.get(slot));
                    AutomationAudit.groupCreated(s, r, group, origin);
                    result.put(slot, group.getId());
                }
                return result;
            });
            ids.forEach((slot, id) -> created.put(slot, session.groups().getGroupById(realm, id)));
            LOG.infof("JIT %s: created %d group(s) below '%s', e.g. '%s'", source, ids.size(),
                    KeycloakModelUtils.buildGroupPath(root), missing.get(0).name());
        } catch (RuntimeException e) {
            LOG.debugf("JIT %s: creating %d groups at once failed (%s); creating them one by one", source, missing.size(), e);
            for (Slot slot : missing) {
                created.put(slot, createInOwnTransaction(parents.get(slot.parentId()), slot.name(), externalIds.get(slot)));
            }
        }
        createdSoFar += missing.size();
        return created;
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
                AutomationAudit.groupCreated(s, r, created, origin);
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
