package io.github.kcprovisioning.jit.attributes;

import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.userprofile.UserProfileProvider;

/**
 * Whether the realm's declarative user profile lets a mapper write an attribute: it must be declared (or the realm must
 * accept unmanaged attributes) and someone must be allowed to edit it. Otherwise Keycloak would drop or hide the value.
 */
final class UserProfileRules {

    private final UPConfig config;

    UserProfileRules(KeycloakSession session) {
        this.config = session.getProvider(UserProfileProvider.class).getConfiguration();
    }

    /** Null when the attribute may be written, else a sentence saying why not and what to do. */
    String refusal(String attribute) {
        UPAttribute declared = config.getAttribute(attribute);
        if (declared == null) {
            return config.getUnmanagedAttributePolicy() == null
                    ? "attribute '" + attribute + "' is not defined in the realm's user profile; declare it under Realm settings >"
                      + " User profile, or enable unmanaged attributes"
                    : null;
        }
        if (declared.getPermissions() != null && declared.getPermissions().getEdit() != null
                && declared.getPermissions().getEdit().isEmpty()) {
            return "attribute '" + attribute + "' is read-only in the realm's user profile (nobody may edit it)";
        }
        return null;
    }
}
