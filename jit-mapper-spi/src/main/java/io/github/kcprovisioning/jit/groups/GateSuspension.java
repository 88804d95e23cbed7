package io.github.kcprovisioning.jit.groups;

import io.github.kcprovisioning.jit.lifecycle.AccountSuspension;
import io.github.kcprovisioning.jit.lifecycle.AutomationAudit;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The groups gate's part in the leaver and rehire scenarios ({@code gate.denial.action=disable}): a login the gate refuses
 * suspends the person's existing account; a later login it allows resumes it (only if an IdP suspended it).
 */
final class GateSuspension {

    private GateSuspension() {
    }

    /**
     * Suspends the account linked to this identity, in a transaction of its own: the refused login's transaction is rolled
     * back with the error page, the suspension (and its outbound push) must not be.
     */
    static void suspend(KeycloakSession session, RealmModel realm, BrokeredIdentityContext context) {
        String alias = context.getIdpConfig().getAlias();
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), own -> {
            RealmModel ownRealm = own.realms().getRealm(realm.getId());
            own.getContext().setRealm(ownRealm);
            UserModel user = linkedUser(own, ownRealm, alias, context);
            if (user != null) {
                AccountSuspension.suspend(own, ownRealm, user, alias, AutomationAudit.jit(alias),
                        "'" + alias + "' no longer asserts any of the required groups");
            }
        });
    }

    /** Re-enables the account linked to this identity if this identity provider suspended it (in the login's transaction). */
    static void resume(KeycloakSession session, RealmModel realm, BrokeredIdentityContext context) {
        String alias = context.getIdpConfig().getAlias();
        UserModel user = linkedUser(session, realm, alias, context);
        if (user != null) {
            AccountSuspension.resume(session, realm, user, alias, AutomationAudit.jit(alias),
                    "'" + alias + "' asserts a required group again");
        }
    }

    private static UserModel linkedUser(KeycloakSession session, RealmModel realm, String alias, BrokeredIdentityContext context) {
        return session.users().getUserByFederatedIdentity(realm,
                new FederatedIdentityModel(alias, context.getId(), context.getUsername()));
    }
}
