package io.github.kcprovisioning.jit.expiry;

import io.github.kcprovisioning.jit.lifecycle.AccountSuspension;
import io.github.kcprovisioning.jit.lifecycle.AutomationAudit;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserManager;
import org.keycloak.models.UserModel;
import org.keycloak.timer.ScheduledTask;

/**
 * The scheduled sweep: for every {@code jit-account-expiry} mapper of every realm, disables (or deletes) the accounts that
 * have not signed in through that identity provider for the configured number of days. Runs on one cluster node at a time
 * ({@code ClusterAwareScheduledTaskRunner}); each run handles at most {@link #BATCH} accounts per policy, the next run continues.
 */
final class AccountExpirySweep implements ScheduledTask {
    static final String TASK_NAME = "jit-account-expiry-sweep";
    static final int BATCH = 500;
    private static final Logger LOG = Logger.getLogger(AccountExpirySweep.class);

    @Override
    public String getTaskName() {
        return TASK_NAME;
    }

    @Override
    public void run(KeycloakSession session) {
        Instant now = Instant.now();
        session.realms().getRealmsStream().toList().forEach(realm -> sweep(session, realm, now));
    }

    private void sweep(KeycloakSession session, RealmModel realm, Instant now) {
        session.getContext().setRealm(realm);
        List<ExpiryPolicy> policies = session.identityProviders().getMappersStream()
                .filter(mapper -> AccountExpiryMapper.PROVIDER_ID.equals(mapper.getIdentityProviderMapper()))
                .map(mapper -> policy(realm, mapper))
                .flatMap(Optional::stream)
                .toList();
        for (ExpiryPolicy policy : policies) {
            List<String> stale = StaleAccounts.find(session, realm, policy, now, BATCH);
            stale.forEach(id -> Optional.ofNullable(session.users().getUserById(realm, id)).ifPresent(user -> expire(session, realm, user, policy)));
            if (!stale.isEmpty()) {
                LOG.infof("Realm %s: %s %d account(s) not signed in through '%s' for %d days",
                        realm.getName(), policy.action() == ExpiryAction.DELETE ? "deleted" : "disabled", stale.size(),
                        policy.idpAlias(), policy.inactivity().toDays());
            }
        }
    }

    private static Optional<ExpiryPolicy> policy(RealmModel realm, IdentityProviderMapperModel mapper) {
        try {
            return Optional.of(ExpiryPolicy.of(mapper));
        } catch (IllegalArgumentException e) {
            LOG.warnf("Realm %s, mapper '%s' of identity provider '%s' is skipped: %s", realm.getName(), mapper.getName(),
                    mapper.getIdentityProviderAlias(), e.getMessage());
            return Optional.empty();
        }
    }

    private static void expire(KeycloakSession session, RealmModel realm, UserModel user, ExpiryPolicy policy) {
        String reason = "no login through '" + policy.idpAlias() + "' for " + policy.inactivity().toDays() + " days";
        LOG.debugf("Realm %s: expiring %s (%s)", realm.getName(), user.getUsername(), reason);
        if (policy.action() == ExpiryAction.DELETE) {
            AutomationAudit.userChanged(session, realm, user, OperationType.DELETE, AutomationAudit.SWEEP, reason);
            new UserManager(session).removeUser(realm, user);
            return;
        }
        AccountSuspension.suspend(session, realm, user, policy.idpAlias(), AutomationAudit.SWEEP, reason);
    }
}
