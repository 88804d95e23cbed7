package io.github.kcprovisioning.scim.api;

import io.github.kcprovisioning.scim.ScimSettings;
import io.github.kcprovisioning.scim.audit.ScimAudit;
import io.github.kcprovisioning.scim.auth.ScimCaller;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** Everything a SCIM operation needs about the current, already authenticated request. */
public record ScimContext(KeycloakSession session, RealmModel realm, ScimSettings settings, ScimCaller caller,
                          String baseUrl, ScimAudit audit) {

    /** Absolute URL of a resource, e.g. {@code location("Users", id)}. */
    public String location(String endpoint, String id) {
        return baseUrl + "/" + endpoint + "/" + id;
    }
}
