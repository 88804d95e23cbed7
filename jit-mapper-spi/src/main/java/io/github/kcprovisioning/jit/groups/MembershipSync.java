package io.github.kcprovisioning.jit.groups;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcprovisioning.jit.lifecycle.AutomationAudit;
import org.jboss.logging.Logger;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One login's membership update for one user: asserted groups → filtered → resolved in the managed tree → diff against
 * the user's memberships and JIT ledger → applied. Runs after Keycloak created or found the user.
 */
final class MembershipSync {

    private static final Logger LOG = Logger.getLogger(MembershipSync.class);
    private static final int MAX_LOGGED_REJECTIONS = 10;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final UserModel user;
    private final String alias;
    private final ExternalGroupsConfig config;

    MembershipSync(KeycloakSession session, RealmModel realm, UserModel user, String alias, ExternalGroupsConfig config) {
        this.session = session;
        this.realm = realm;
        this.user = user;
        this.alias = alias;
        this.config = config;
    }

    /**
     * @param claim       the groups claim as sent (present: an empty list removes all JIT memberships)
     * @param parentClaim the parent claim as sent, null when absent or not configured
     */
    void apply(JsonNode claim, JsonNode parentClaim) {
        GroupClaimParser.Result parsed = placed(config.claimParser().parse(claim), parentClaim);
        logRejections(parsed.rejections());
        GroupSelection.Result selected = config.selection().select(parsed.groups());
        if (selected.overLimit() > 0) {
            LOG.warnf("JIT %s: user '%s' is asserted in %d groups, more than the maximum of %d; ignoring %d of them",
                    alias, user.getUsername(), selected.selected().size() + selected.overLimit(), config.maxGroups(),
                    selected.overLimit());
        }

        ManagedGroupTree tree = ManagedGroupTree.open(session, realm, GroupProvenance.idpSource(alias), AutomationAudit.jit(alias),
                config.rootPath(),
                config.maxGroupsCreated());
        Map<ExternalGroup, GroupModel> resolved = tree.resolve(selected.selected(), config::formerIdsOf);
        grantConfiguredRoles(resolved);
        Map<String, GroupModel> desired = desiredGroups(tree, resolved);
        Set<String> members = user.getGroupsStream().map(GroupModel::getId).collect(Collectors.toSet());
        MembershipLedger ledger = new MembershipLedger(session, realm, user, alias, tree);
        MembershipPlan plan = MembershipPlan.compute(desired.keySet(), members, ledger.owned(), ledger.excluded());

        plan.join().stream().map(desired::get).forEach(group -> {
            user.joinGroup(group);
            AutomationAudit.membershipChanged(session, realm, user, group, OperationType.CREATE, AutomationAudit.jit(alias));
        });
        List<GroupModel> left = plan.leave().stream().map(id -> session.groups().getGroupById(realm, id)).toList();
        left.forEach(group -> {
            user.leaveGroup(group);
            AutomationAudit.membershipChanged(session, realm, user, group, OperationType.DELETE, AutomationAudit.jit(alias));
        });
        ledger.record(plan);
        if (config.revokeSessions() && left.stream().anyMatch(MembershipSync::carriesRoles)) {
            List<UserSessionModel> sessions = session.sessions().getUserSessionsStream(realm, user).toList();
            sessions.forEach(s -> session.sessions().removeUserSession(realm, s));
            LOG.infof("JIT %s: user '%s' lost a group that granted roles; ended %d existing session(s)", alias,
                    user.getUsername(), sessions.size());
        }
        if (!plan.join().isEmpty() || !plan.leave().isEmpty()) {
            LOG.debugf("JIT %s: user '%s' joined %d and left %d groups", alias, user.getUsername(), plan.join().size(),
                    plan.leave().size());
        }
    }

    /** Places flat groups below their parents when a parent claim is configured; else returns them as they are. */
    private GroupClaimParser.Result placed(GroupClaimParser.Result parsed, JsonNode parentClaim) {
        if (config.parentClaim() == null) {
            return parsed;
        }
        GroupClaimParser.Result placed = ParentHierarchy.of(parentClaim, config.nameRules(), config.lowerCase())
                .place(parsed.groups());
        List<GroupClaimParser.Rejection> rejections = new ArrayList<>(parsed.rejections());
        rejections.addAll(placed.rejections());
        return new GroupClaimParser.Result(placed.groups(), List.copyOf(rejections));
    }

    /** The explicit role mapping: grants each configured role the group lacks; never an administrative one. */
    private void grantConfiguredRoles(Map<ExternalGroup, GroupModel> resolved) {
        if (config.groupRoles().isEmpty()) {
            return;
        }
        PrivilegeGuard guard = new PrivilegeGuard(realm);
        resolved.forEach((external, group) -> {
            for (String roleName : config.rolesFor(external)) {
                RoleModel role = KeycloakModelUtils.getRoleFromString(realm, roleName);
                if (role == null || guard.isAdministrative(role)) {
                    LOG.warnf("JIT %s: not granting role '%s' to group '%s': %s", alias, roleName, group.getName(),
                            role == null ? "no such role" : "it is administrative");
                } else if (!group.hasDirectRole(role)) {
                    group.grantRole(role);
                }
            }
        });
    }

    private static boolean carriesRoles(GroupModel group) {
        for (GroupModel g = group; g != null; g = g.getParent()) {
            if (g.getRoleMappingsStream().findAny().isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** Group id to group, leaving out groups that would grant admin rights (and adding ancestors when configured). */
    private Map<String, GroupModel> desiredGroups(ManagedGroupTree tree, Map<ExternalGroup, GroupModel> resolved) {
        PrivilegeGuard guard = new PrivilegeGuard(realm);
        Map<String, GroupModel> desired = new LinkedHashMap<>();
        for (GroupModel group : resolved.values()) {
            Set<GroupModel> candidates = new LinkedHashSet<>();
            candidates.add(group);
            if (config.memberOfAncestors()) {
                candidates.addAll(tree.ancestorsBelowRoot(group));
            }
            for (GroupModel candidate : candidates) {
                if (guard.grantsAdminRights(candidate)) {
                    LOG.warnf("JIT %s: not adding user '%s' to group %s '%s': it grants administrative roles",
                            alias, user.getUsername(), candidate.getId(), candidate.getName());
                } else {
                    desired.put(candidate.getId(), candidate);
                }
            }
        }
        return desired;
    }

    private void logRejections(List<GroupClaimParser.Rejection> rejections) {
        rejections.stream().limit(MAX_LOGGED_REJECTIONS).forEach(r -> LOG.warnf(
                "JIT %s: ignoring group %s asserted for user '%s': %s", alias, r.item(), user.getUsername(), r.reason()));
        if (rejections.size() > MAX_LOGGED_REJECTIONS) {
            LOG.warnf("JIT %s: ... and %d more rejected groups for user '%s'", alias,
                    rejections.size() - MAX_LOGGED_REJECTIONS, user.getUsername());
        }
    }
}
