package io.github.kcprovisioning.jit;

import io.github.kcprovisioning.jit.claims.ClaimSource;
import io.github.kcprovisioning.jit.claims.OidcClaimSource;
import io.github.kcprovisioning.jit.claims.SamlClaimSource;
import io.github.kcprovisioning.jit.lifecycle.AutomationAudit;
import org.keycloak.broker.oidc.KeycloakOIDCIdentityProviderFactory;
import org.keycloak.broker.oidc.OIDCIdentityProviderFactory;
import org.keycloak.broker.provider.AbstractIdentityProviderMapper;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.saml.SAMLIdentityProviderFactory;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.IdentityProviderSyncMode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * What both JIT mappers share: the identity providers they work with (OIDC and SAML), every sync mode, and the
 * protocol-specific claim reader. Subclasses only say what to do with the claims.
 */
public abstract class JitIdentityProviderMapper extends AbstractIdentityProviderMapper {

    public static final String[] COMPATIBLE_PROVIDERS = {
            OIDCIdentityProviderFactory.PROVIDER_ID,
            KeycloakOIDCIdentityProviderFactory.PROVIDER_ID,
            SAMLIdentityProviderFactory.PROVIDER_ID};

    public static final String CATEGORY = "JIT provisioning";

    @Override
    public String[] getCompatibleProviders() {
        return COMPATIBLE_PROVIDERS.clone();
    }

    @Override
    public String getDisplayCategory() {
        return CATEGORY;
    }

    @Override
    public boolean supportsSyncMode(IdentityProviderSyncMode syncMode) {
        return true;
    }

    /** Legacy sync mode: same as force; the mappers are idempotent, so re-applying on every login is harmless. */
    @Override
    public void updateBrokeredUserLegacy(KeycloakSession session, RealmModel realm, UserModel user,
                                         IdentityProviderMapperModel mapperModel, BrokeredIdentityContext context) {
        updateBrokeredUser(session, realm, user, mapperModel, context);
    }

    protected static ClaimSource claims(BrokeredIdentityContext context) {
        return SAMLIdentityProviderFactory.PROVIDER_ID.equals(context.getIdpConfig().getProviderId())
                ? SamlClaimSource.of(context)
                : OidcClaimSource.of(context);
    }

    /** Reports that this login created or updated the user (one admin event per login, origin {@code jit:<alias>}). */
    protected static void audit(KeycloakSession session, RealmModel realm, UserModel user, BrokeredIdentityContext context,
                                OperationType operation) {
        AutomationAudit.userProvisioned(session, realm, user, operation, alias(context));
    }

    protected static String alias(BrokeredIdentityContext context) {
        return context.getIdpConfig().getAlias();
    }
}
