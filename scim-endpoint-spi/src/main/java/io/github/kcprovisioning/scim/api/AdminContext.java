package io.github.kcprovisioning.scim.api;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Everything an admin operation of the provisioning resource (SCIM tokens, settings) needs about the current request,
 * whose administrator is already authenticated like for Keycloak's admin REST API.
 *
 * @param auth        the administrator: a user (or service account) of this realm or of the master realm, and its token
 * @param permissions what the administrator may do in {@code realm}: Keycloak's own evaluator (admin roles, fine-grained
 *                    admin permissions), as the admin REST API uses it
 */
public record AdminContext(KeycloakSession session, RealmModel realm, String baseUrl,
                           AdminAuth auth, AdminPermissionEvaluator permissions) {

    /** an admin event of {@code realm} that names the administrator, as Keycloak's admin REST API records them */
    public AdminEventBuilder adminEvent() {
        return new AdminEventBuilder(realm, auth, session, session.getContext().getConnection());
    }
}
