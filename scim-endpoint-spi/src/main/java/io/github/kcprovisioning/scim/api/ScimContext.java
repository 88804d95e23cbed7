package io.github.kcprovisioning.scim.api;

import io.github.kcprovisioning.scim.ScimSettings;
import io.github.kcprovisioning.scim.audit.ScimAudit;
import io.github.kcprovisioning.scim.auth.ScimCaller;
import io.github.kcprovisioning.scim.scope.ClientScope;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Everything a SCIM operation needs about the current, already authenticated request.
 *
 * @param settings the realm's SCIM settings in effect; {@code null} in the realm resource's administrative calls (static
 *                 tokens, the settings view), which do not depend on them
 * @param scope    the Users and Groups the calling client may see and change
 */
public record ScimContext(KeycloakSession session, RealmModel realm, ScimSettings settings, ScimCaller caller,
                          ClientScope scope, String baseUrl, ScimAudit audit) {

    /** The same request context bound to another session (e.g. the own transaction of one /Bulk operation). */
    public ScimContext inSession(KeycloakSession other) {
        RealmModel otherRealm = other.realms().getRealm(realm.getId());
        other.getContext().setRealm(otherRealm);
        return new ScimContext(other, otherRealm, settings, caller, scope, baseUrl, new ScimAudit(other, otherRealm, caller));
    }

    /** Absolute URL of a resource, e.g. {@code location("Users", id)}. */
    public String location(String endpoint, String id) {
        return baseUrl + "/" + endpoint + "/" + id;
    }
}
