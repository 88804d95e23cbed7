package io.github.kcprovisioning.sync.target;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.keycloak.component.ComponentModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Which users and groups a target receives: optionally only a group subtree (the group and its descendants, and the
 * users who are members somewhere in it), and optionally only users with a given attribute value.
 */
public final class TargetScope {

    public static final String SCOPE_GROUP = "scopeGroup";
    public static final String SCOPE_USER_ATTRIBUTE = "scopeUserAttribute";

    /** labels and help texts are message keys of the themes bundles */
    public static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name(SCOPE_GROUP).label("outboundScopeGroup").helpText("outboundScopeGroupHelp")
            .type(ProviderConfigProperty.GROUP_TYPE).add()
            .property().name(SCOPE_USER_ATTRIBUTE).label("outboundScopeUserAttribute").helpText("outboundScopeUserAttributeHelp")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .build();

    private final GroupModel root;
    private final boolean rootMissing;
    private final String attributeName;
    private final String attributeValue;

    private TargetScope(GroupModel root, boolean rootMissing, String attributeName, String attributeValue) {
        this.root = root;
        this.rootMissing = rootMissing;
        this.attributeName = attributeName;
        this.attributeValue = attributeValue;
    }

    public static TargetScope of(KeycloakSession session, RealmModel realm, ComponentModel model) {
        String path = model.get(SCOPE_GROUP);
        GroupModel root = null;
        boolean missing = false;
        if (path != null && !path.isBlank()) {
            root = KeycloakModelUtils.findGroupByPath(session, realm, path.trim());
            missing = root == null; // a scope naming a group that does not exist selects nothing, never everything
        }
        String filter = model.get(SCOPE_USER_ATTRIBUTE);
        String name = null;
        String value = null;
        if (filter != null && !filter.isBlank()) {
            int eq = filter.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(SCOPE_USER_ATTRIBUTE + " must be name=value, got '" + filter + "'");
            }
            name = filter.substring(0, eq).trim();
            value = filter.substring(eq + 1).trim();
        }
        return new TargetScope(root, missing, name, value);
    }

    /** false when the configured scope group does not exist (then nothing is in scope) */
    public boolean includesGroupPath() {
        return !rootMissing;
    }

    public boolean includesGroup(GroupModel group) {
        if (rootMissing) {
            return false;
        }
        return root == null || isInSubtree(group);
    }

    public boolean includesUser(UserModel user) {
        if (rootMissing) {
            return false;
        }
        if (attributeName != null && user.getAttributeStream(attributeName).noneMatch(attributeValue::equals)) {
            return false;
        }
        return root == null || user.getGroupsStream().anyMatch(this::isInSubtree);
    }

    /** the group itself and its ancestors that are in scope: what a member is added to when memberships are flattened */
    public Set<GroupModel> selfAndAncestorsInScope(GroupModel group) {
        Set<GroupModel> chain = new HashSet<>();
        for (GroupModel g = group; g != null; g = g.getParent()) {
            if (!includesGroup(g)) {
                break;
            }
            chain.add(g);
        }
        return chain;
    }

    private boolean isInSubtree(GroupModel group) {
        for (GroupModel g = group; g != null; g = g.getParent()) {
            if (g.getId().equals(root.getId())) {
                return true;
            }
        }
        return false;
    }
}
