package io.github.kcprovisioning.jit.expiry;

import io.github.kcprovisioning.jit.lifecycle.AccountSuspension;
import io.github.kcprovisioning.jit.lifecycle.AutomationAudit;
import java.time.Instant;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.broker.provider.AbstractIdentityProviderMapper;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.IdentityProviderSyncMode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.TimerProvider;

/**
 * {@code jit-account-expiry}: closes the gap JIT leaves open. JIT creates and updates accounts at login but never notices
 * someone who simply stops coming; with this mapper on an identity provider, every login through it is time-stamped on the
 * user, and a scheduled sweep disables (or deletes) the accounts that have not signed in through it for N days. A disabled
 * account is re-enabled by its next successful login through the same identity provider (the source still allows the person);
 * accounts an admin disabled are never re-enabled.
 * <p>Server option {@code --spi-identity-provider-mapper--jit-account-expiry--sweep-interval-seconds} (default 3600).
 */
public class AccountExpiryMapper extends AbstractIdentityProviderMapper {
    public static final String PROVIDER_ID = "jit-account-expiry";
    private static final List<ProviderConfigProperty> CONFIG = ProviderConfigurationBuilder.create()
            .property().name(ExpiryPolicy.INACTIVE_DAYS).label("jitExpiryInactiveDays")
            .helpText("jitExpiryInactiveDaysHelp")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue("90").required(true).add()
            .property().name(ExpiryPolicy.ACTION).label("jitExpiryAction")
            .helpText("jitExpiryActionHelp")
            .type(ProviderConfigProperty.LIST_TYPE).options(ExpiryAction.configValues()).defaultValue("disable").add()
            .build();

    private long sweepIntervalMillis;

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String[] getCompatibleProviders() {
        return new String[] {ANY_PROVIDER};
    }

    @Override
    public String getDisplayCategory() {
        return "JIT provisioning";
    }

    @Override
    public String getDisplayType() {
        return "JIT account expiry";
    }

    @Override
    public String getHelpText() {
        return "Disables or deletes accounts that have not signed in through this identity provider for a number of days;"
                + " the next login through it enables a disabled account again.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    public boolean supportsSyncMode(IdentityProviderSyncMode syncMode) {
        return true; // the login time is recorded in every sync mode (see preprocessFederatedIdentity)
    }

    @Override
    public void init(Config.Scope config) {
        sweepIntervalMillis = config.getLong("sweepIntervalSeconds", 3600L) * 1000L;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // on a fresh database the schema does not exist yet at postInit: start sweeping once Keycloak has migrated it
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                scheduleSweep(factory);
            }
        });
    }

    private void scheduleSweep(KeycloakSessionFactory factory) {
        try (KeycloakSession session = factory.create()) {
            session.getProvider(TimerProvider.class).schedule(
                    new ClusterAwareScheduledTaskRunner(factory, new AccountExpirySweep(), sweepIntervalMillis),
                    sweepIntervalMillis, AccountExpirySweep.TASK_NAME);
        }
    }

    /**
     * Called on every login through the identity provider, whatever the sync mode, before Keycloak checks whether the
     * linked account is enabled: the place to time-stamp the login and to re-enable an account the sweep disabled.
     */
    @Override
    public void preprocessFederatedIdentity(KeycloakSession session, RealmModel realm, IdentityProviderMapperModel mapperModel,
                                            BrokeredIdentityContext context) {
        String alias = mapperModel.getIdentityProviderAlias();
        UserModel user = session.users().getUserByFederatedIdentity(realm,
                new FederatedIdentityModel(alias, context.getId(), context.getUsername()));
        if (user == null) {
            return; // first login: importNewUser stamps it
        }
        BrokerLoginClock.recordLogin(user, alias, Instant.now());
        AccountSuspension.resume(session, realm, user, alias, AutomationAudit.jit(alias), "signed in again through '" + alias + "'");
    }

    @Override
    public void importNewUser(KeycloakSession session, RealmModel realm, UserModel user, IdentityProviderMapperModel mapperModel,
                              BrokeredIdentityContext context) {
        BrokerLoginClock.recordLogin(user, mapperModel.getIdentityProviderAlias(), Instant.now());
    }
}
