package io.github.kcprovisioning.jit.groups;

import org.keycloak.Config;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.GroupModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.utils.RoleUtils;

import java.util.HashMap;
import java.util.Map;

/**
 * Keeps an identity provider from handing out administrator rights: JIT never places a user into a group that grants
 * (directly, through a composite role, or through a parent group) a role of the realm's {@code realm-management} client,
 * or, in the master realm, a realm-admin client role, {@code admin} or {@code create-realm}. Results are memoized per login.
 */
final class PrivilegeGuard {

    private final boolean masterRealm;
    private final Map<String, Boolean> verdicts = new HashMap<>();

    PrivilegeGuard(RealmModel realm) {
        this.masterRealm = Config.getAdminRealm().equals(realm.getName());
    }

    boolean grantsAdminRights(GroupModel group) {
        Boolean known = verdicts.get(group.getId());
        if (known != null) {
            return known;
        }
        boolean verdict = RoleUtils.expandCompositeRolesStream(group.getRoleMappingsStream()).anyMatch(this::isAdminRole)
                || (group.getParent() != null && grantsAdminRights(group.getParent()));
        verdicts.put(group.getId(), verdict);
        return verdict;
    }

    private boolean isAdminRole(RoleModel role) {
        if (role.getContainer() instanceof ClientModel client) {
            return Constants.REALM_MANAGEMENT_CLIENT_ID.equals(client.getClientId())
                    || (masterRealm && client.getClientId().endsWith("-realm"));
        }
        return masterRealm && (AdminRoles.ADMIN.equals(role.getName()) || AdminRoles.CREATE_REALM.equals(role.getName()));
    }
}
