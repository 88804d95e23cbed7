package io.github.kcprovisioning.jit.lifecycle;

import org.jboss.logging.Logger;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Disabling an account on behalf of an identity provider, and undoing it: the expiry sweep (no login for N days) and the
 * groups gate (the IdP no longer allows the person) both suspend, a later login the IdP allows resumes. The account is
 * marked with {@value #DISABLED_BY}{@code =<idp alias>}, so that only accounts automation disabled are re-enabled; an account
 * an admin disabled is never suspended (it carries no mark) and so stays disabled.
 */
public final class AccountSuspension {
    public static final String DISABLED_BY = "kcprov.jit.disabledBy";
    /** The expiry sweep's mark before it was shared with the gate; still honoured so those accounts can come back. */
    static final String LEGACY_EXPIRED_BY = "kcprov.jit.expiredBy";
    private static final Logger LOG = Logger.getLogger(AccountSuspension.class);

    private AccountSuspension() {
    }

    /** Disables an enabled account, marks it, ends its sessions and reports it as an admin event; false if already disabled. */
    public static boolean suspend(KeycloakSession session, RealmModel realm, UserModel user, String idpAlias, String origin,
                                  String reason) {
        if (!user.isEnabled()) {
            return false;
        }
        user.setEnabled(false);
        user.setSingleAttribute(DISABLED_BY, idpAlias);
        session.sessions().getUserSessionsStream(realm, user).toList()
                .forEach(userSession -> session.sessions().removeUserSession(realm, userSession));
        LOG.infof("Realm %s: disabled %s (%s)", realm.getName(), user.getUsername(), reason);
        AutomationAudit.userChanged(session, realm, user, OperationType.UPDATE, origin, reason);
        return true;
    }

    /** Re-enables the account if {@code idpAlias} disabled it; false (and nothing changed) otherwise. */
    public static boolean resume(KeycloakSession session, RealmModel realm, UserModel user, String idpAlias, String origin,
                                 String reason) {
        if (user.isEnabled() || !isMarkedBy(user, idpAlias)) {
            return false;
        }
        user.setEnabled(true);
        user.removeAttribute(DISABLED_BY);
        user.removeAttribute(LEGACY_EXPIRED_BY);
        LOG.infof("Realm %s: re-enabled %s (%s)", realm.getName(), user.getUsername(), reason);
        AutomationAudit.userChanged(session, realm, user, OperationType.UPDATE, origin, reason);
        return true;
    }

    private static boolean isMarkedBy(UserModel user, String idpAlias) {
        return idpAlias.equals(user.getFirstAttribute(DISABLED_BY)) || idpAlias.equals(user.getFirstAttribute(LEGACY_EXPIRED_BY));
    }
}
