package io.github.kcprovisioning.jit.groups;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcprovisioning.jit.InvalidMapperConfigException;
import io.github.kcprovisioning.jit.JitIdentityProviderMapper;
import io.github.kcprovisioning.jit.LoginDenial;
import io.github.kcprovisioning.jit.claims.ClaimSource;
import org.jboss.logging.Logger;
import org.keycloak.broker.oidc.OIDCIdentityProvider;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.provider.UserAuthenticationIdentityProvider;
import org.keycloak.broker.saml.SAMLIdentityProviderFactory;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.GroupModel;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.representations.AccessTokenResponse;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code jit-external-groups}: provisions the user into the groups the identity provider asserts, below a managed root.
 * Decisions that refuse the login (gate, missing claim, broken config) are taken in {@code preprocessFederatedIdentity},
 * before Keycloak writes anything; the membership diff is applied when the user is imported or updated.
 */
public class ExternalGroupsMapper extends JitIdentityProviderMapper {

    public static final String PROVIDER_ID = "jit-external-groups";

    private static final Logger LOG = Logger.getLogger(ExternalGroupsMapper.class);

    /** Labels and help texts are message keys of the themes bundle: the admin console shows them translated. */
    // lists are TEXT_TYPE, one entry per line: the 26.7 console posts MULTIVALUED_STRING_TYPE as a JSON array (HTTP 400)
    private static final List<ProviderConfigProperty> CONFIG = ProviderConfigurationBuilder.create()
            .property().name(ExternalGroupsConfig.CLAIM).label("jitGroupsClaim").type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue(ExternalGroupsConfig.DEFAULT_CLAIM)
            .helpText("jitGroupsClaimHelp")
            .add()
            .property().name(ExternalGroupsConfig.ROOT_GROUP).label("jitGroupsRoot").type(ProviderConfigProperty.STRING_TYPE)
            .helpText("jitGroupsRootHelp")
            .add()
            .property().name(ExternalGroupsConfig.STRING_FORMAT).label("jitGroupsFormat").type(ProviderConfigProperty.LIST_TYPE)
            .options("name", "path", "json").defaultValue("name")
            .helpText("jitGroupsFormatHelp")
            .add()
            .property().name(ExternalGroupsConfig.ID_FIELD).label("jitGroupsIdField").type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue("id")
            .helpText("jitGroupsIdFieldHelp")
            .add()
            .property().name(ExternalGroupsConfig.NAME_FIELD).label("jitGroupsNameField").type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue("name")
            .helpText("jitGroupsNameFieldHelp")
            .add()
            .property().name(ExternalGroupsConfig.PARENT_CLAIM).label("jitGroupsParentClaim")
            .type(ProviderConfigProperty.STRING_TYPE)
            .helpText("jitGroupsParentClaimHelp")
            .add()
            .property().name(ExternalGroupsConfig.INCLUDE).label("jitGroupsInclude").type(ProviderConfigProperty.STRING_TYPE)
            .helpText("jitGroupsIncludeHelp")
            .add()
            .property().name(ExternalGroupsConfig.EXCLUDE).label("jitGroupsExclude").type(ProviderConfigProperty.STRING_TYPE)
            .helpText("jitGroupsExcludeHelp")
            .add()
            .property().name(ExternalGroupsConfig.MAX_GROUPS).label("jitGroupsMaxGroups").type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue(String.valueOf(ExternalGroupsConfig.DEFAULT_MAX_GROUPS))
            .helpText("jitGroupsMaxGroupsHelp")
            .add()
            .property().name(ExternalGroupsConfig.MAX_NAME_LENGTH).label("jitGroupsMaxNameLength").type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue(String.valueOf(ExternalGroupsConfig.DEFAULT_MAX_NAME_LENGTH))
            .helpText("jitGroupsMaxNameLengthHelp")
            .add()
            .property().name(ExternalGroupsConfig.MAX_GROUPS_CREATED).label("jitGroupsMaxCreated")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(ExternalGroupsConfig.DEFAULT_MAX_GROUPS_CREATED))
            .helpText("jitGroupsMaxCreatedHelp")
            .add()
            .property().name(ExternalGroupsConfig.STRIP_PREFIX).label("jitGroupsStripPrefix")
            .type(ProviderConfigProperty.STRING_TYPE)
            .helpText("jitGroupsStripPrefixHelp")
            .add()
            .property().name(ExternalGroupsConfig.LOWER_CASE).label("jitGroupsLowerCase").type(ProviderConfigProperty.BOOLEAN_TYPE)
            .defaultValue("false")
            .helpText("jitGroupsLowerCaseHelp")
            .add()
            .property().name(ExternalGroupsConfig.ANCESTORS).label("jitGroupsAncestors").type(ProviderConfigProperty.BOOLEAN_TYPE)
            .defaultValue("false")
            .helpText("jitGroupsAncestorsHelp")
            .add()
            .property().name(ExternalGroupsConfig.MISSING_CLAIM).label("jitGroupsMissingClaim")
            .type(ProviderConfigProperty.LIST_TYPE).options("keep", "deny").defaultValue("keep")
            .helpText("jitGroupsMissingClaimHelp")
            .add()
            .property().name(ExternalGroupsConfig.OVERAGE).label("jitGroupsOverage")
            .type(ProviderConfigProperty.LIST_TYPE).options("keep", "deny").defaultValue("keep")
            .helpText("jitGroupsOverageHelp")
            .add()
            .property().name(OverageFetchConfig.FETCH).label("jitGroupsOverageFetch")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false")
            .helpText("jitGroupsOverageFetchHelp")
            .add()
            .property().name(OverageFetchConfig.HOSTS).label("jitGroupsOverageFetchHosts")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(OverageFetchConfig.DEFAULT_HOSTS)
            .helpText("jitGroupsOverageFetchHostsHelp")
            .add()
            .property().name(OverageFetchConfig.ENDPOINT).label("jitGroupsOverageFetchEndpoint")
            .type(ProviderConfigProperty.STRING_TYPE)
            .helpText("jitGroupsOverageFetchEndpointHelp")
            .add()
            .property().name(OverageFetchConfig.TIMEOUT_MS).label("jitGroupsOverageFetchTimeout")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(OverageFetchConfig.DEFAULT_TIMEOUT_MS))
            .helpText("jitGroupsOverageFetchTimeoutHelp")
            .add()
            .property().name(OverageFetchConfig.MAX_PAGES).label("jitGroupsOverageFetchMaxPages")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(OverageFetchConfig.DEFAULT_MAX_PAGES))
            .helpText("jitGroupsOverageFetchMaxPagesHelp")
            .add()
            .property().name(ExternalGroupsConfig.UNSAFE_NAMES).label("jitGroupsUnsafeNames")
            .type(ProviderConfigProperty.LIST_TYPE).options("reject", "escape").defaultValue("reject")
            .helpText("jitGroupsUnsafeNamesHelp")
            .add()
            .property().name(ExternalGroupsConfig.FORMER_NAMES).label("jitGroupsFormerNames")
            .type(ProviderConfigProperty.TEXT_TYPE)
            .helpText("jitGroupsFormerNamesHelp")
            .add()
            .property().name(ExternalGroupsConfig.GROUP_ROLES).label("jitGroupsRoles")
            .type(ProviderConfigProperty.TEXT_TYPE)
            .helpText("jitGroupsRolesHelp")
            .add()
            .property().name(ExternalGroupsConfig.REVOKE_SESSIONS).label("jitGroupsRevokeSessions")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false")
            .helpText("jitGroupsRevokeSessionsHelp")
            .add()
            .property().name(ExternalGroupsConfig.GATE).label("jitGroupsGate")
            .type(ProviderConfigProperty.TEXT_TYPE)
            .helpText("jitGroupsGateHelp")
            .add()
            .property().name(ExternalGroupsConfig.GATE_DENIAL_ACTION).label("jitGroupsGateDenialAction")
            .type(ProviderConfigProperty.LIST_TYPE).options("deny", "disable").defaultValue("deny")
            .helpText("jitGroupsGateDenialActionHelp")
            .add()
            .build();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "JIT external groups";
    }

    @Override
    public String getHelpText() {
        return "Provisions the user into the groups the identity provider asserts (names, paths or id+name objects),"
                + " below a managed root group. Removes only memberships it made; admin changes stick.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    public void preprocessFederatedIdentity(KeycloakSession session, RealmModel realm, IdentityProviderMapperModel mapperModel,
                                            BrokeredIdentityContext context) {
        ExternalGroupsConfig config = configOrDeny(session, mapperModel, context);
        ClaimSource claims = claims(context);
        JsonNode claim = claims.read(config.claim());
        if (claim == null && GroupOverage.signalled(claims, config.claim())) {
            boolean fetching = config.overageFetch().enabled();
            claim = fetching ? fetchOnOverage(config, claims, mapperModel, context) : null; // a failed fetch is logged there
            if (claim == null && refusesOverage(config)) {
                if (!fetching) {
                    LOG.warnf("JIT %s: group overage for '%s' (the IdP sent a link instead of the groups); login refused"
                            + " (mapper '%s')", alias(context), context.getUsername(), mapperModel.getName());
                }
                throw LoginDenial.deny(session, context, LoginDenial.GROUPS_CLAIM_MISSING);
            }
            if (claim == null) {
                return;
            }
        }
        if (claim == null && config.missingClaim() == ExternalGroupsConfig.AbsentGroupsPolicy.DENY) {
            LOG.warnf("JIT %s: groups claim '%s' missing for '%s'; login refused (mapper '%s')",
                    alias(context), config.claim(), context.getUsername(), mapperModel.getName());
            throw LoginDenial.deny(session, context, LoginDenial.GROUPS_CLAIM_MISSING);
        }
        if (config.gate().isEmpty()) {
            return;
        }
        if (config.gateDenies(config.claimParser().parse(claim).groups())) {
            LOG.infof("JIT %s: '%s' is in none of the required groups; login refused (mapper '%s')",
                    alias(context), context.getUsername(), mapperModel.getName());
            if (config.gateDenialAction() == ExternalGroupsConfig.GateDenialAction.DISABLE) {
                GateSuspension.suspend(session, realm, context);
            }
            throw LoginDenial.deny(session, context, LoginDenial.ACCESS_DENIED);
        }
        GateSuspension.resume(session, realm, context);
    }

    @Override
    public void importNewUser(KeycloakSession session, RealmModel realm, UserModel user, IdentityProviderMapperModel mapperModel,
                              BrokeredIdentityContext context) {
        audit(session, realm, user, context, OperationType.CREATE);
        synchronize(session, realm, user, mapperModel, context);
    }

    @Override
    public void updateBrokeredUser(KeycloakSession session, RealmModel realm, UserModel user, IdentityProviderMapperModel mapperModel,
                                   BrokeredIdentityContext context) {
        audit(session, realm, user, context, OperationType.UPDATE);
        synchronize(session, realm, user, mapperModel, context);
    }

    private void synchronize(KeycloakSession session, RealmModel realm, UserModel user, IdentityProviderMapperModel mapperModel,
                             BrokeredIdentityContext context) {
        ExternalGroupsConfig config = ExternalGroupsConfig.parse(mapperModel.getConfig()); // preprocess refused invalid ones
        String alias = alias(context);
        ClaimSource claims = claims(context);
        JsonNode claim = claims.read(config.claim());
        if (claim == null && context.getContextData().get(fetchedGroupsKey(mapperModel)) instanceof String fetched) {
            claim = parseFetched(fetched);
        }
        if (claim == null && config.overageFetch().enabled() && GroupOverage.signalled(claims, config.claim())) {
            return; // the failed fetch was logged in preprocessFederatedIdentity
        }
        if (claim == null) {
            LOG.warnf(GroupOverage.signalled(claims, config.claim())
                            ? "JIT %s: group overage: the IdP sent a link instead of claim '%s' for user '%s' (too many groups);"
                              + " keeping the JIT memberships unchanged"
                            : "JIT %s: groups claim '%s' missing for user '%s'; keeping the JIT memberships unchanged",
                    alias, config.claim(), user.getUsername());
            return;
        }
        JsonNode parentClaim = config.parentClaim() == null ? null : claims.read(config.parentClaim());
        new MembershipSync(session, realm, user, alias, config).apply(claim, parentClaim);
    }

    /**
     * Fetches the full list the overage points to; null (logged once, with the reason) when that fails, so that the
     * configured keep/deny behaviour applies. Kept in the context data as JSON text: on a first login the context is
     * serialized into the authentication session until the user is created.
     */
    private static JsonNode fetchOnOverage(ExternalGroupsConfig config, ClaimSource claims, IdentityProviderMapperModel mapperModel,
                                           BrokeredIdentityContext context) {
        OverageGroupsFetcher fetcher = new OverageGroupsFetcher(config.overageFetch(), config.idField(), config.nameField());
        try {
            JsonNode groups = fetcher.fetch(GroupOverage.advertisedEndpoint(claims, config.claim()), accessToken(context));
            LOG.infof("JIT %s: group overage for '%s': fetched %d groups (mapper '%s')", alias(context), context.getUsername(),
                    groups.size(), mapperModel.getName());
            context.getContextData().put(fetchedGroupsKey(mapperModel), groups.toString());
            return groups;
        } catch (OverageGroupsFetcher.FetchFailedException e) {
            LOG.warnf("JIT %s: group overage for '%s': fetching the full group list failed: %s; %s (mapper '%s')",
                    alias(context), context.getUsername(), e.getMessage(),
                    refusesOverage(config) ? "login refused" : "keeping the JIT memberships unchanged", mapperModel.getName());
            return null;
        }
    }

    /** Overage without the list refuses the login when so configured, or when a gate needs the list to decide. */
    private static boolean refusesOverage(ExternalGroupsConfig config) {
        return config.overage() == ExternalGroupsConfig.AbsentGroupsPolicy.DENY || !config.gate().isEmpty();
    }

    /** The IdP's access token of this login: OIDC keeps its token response in the context, OAuth2 providers the token. */
    private static String accessToken(BrokeredIdentityContext context) {
        Object response = context.getContextData().get(OIDCIdentityProvider.FEDERATED_ACCESS_TOKEN_RESPONSE);
        if (response instanceof AccessTokenResponse tokenResponse) {
            return tokenResponse.getToken();
        }
        return context.getContextData().get(UserAuthenticationIdentityProvider.FEDERATED_ACCESS_TOKEN) instanceof String token
                ? token : null;
    }

    private static String fetchedGroupsKey(IdentityProviderMapperModel mapperModel) {
        return PROVIDER_ID + ".fetched." + mapperModel.getId();
    }

    private static JsonNode parseFetched(String json) {
        try {
            return JsonSerialization.mapper.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("fetched groups kept in the login context are not JSON", e);
        }
    }

    /**
     * Save-time checks that need the realm or the identity provider: the managed root, if it exists already, must not grant
     * admin roles (every group below it would inherit them); the overage fetch needs an OIDC provider (its access token).
     */
    public static void validateForRealm(KeycloakSession session, String idpType, Map<String, String> rawConfig) {
        ExternalGroupsConfig config = ExternalGroupsConfig.parse(rawConfig);
        RealmModel realm = session.getContext().getRealm();
        GroupModel root = KeycloakModelUtils.findGroupByPath(session, realm, "/" + String.join("/", config.rootPath()));
        PrivilegeGuard guard = new PrivilegeGuard(realm);
        List<String> problems = new ArrayList<>();
        if (config.overageFetch().enabled() && SAMLIdentityProviderFactory.PROVIDER_ID.equals(idpType)) {
            problems.add("Fetch groups on overage: a SAML login has no access token to call the groups endpoint with;"
                    + " turn it off and choose keep or deny for 'On group overage'");
        }
        if (root != null && guard.grantsAdminRights(root)) {
            problems.add("Managed root group: '" + KeycloakModelUtils.buildGroupPath(root)
                    + "' grants administrative roles, so every group below it would; choose another root");
        }
        config.groupRoles().values().stream().flatMap(List::stream).distinct().forEach(roleName -> {
            RoleModel role = KeycloakModelUtils.getRoleFromString(realm, roleName);
            if (role == null) {
                problems.add("Group roles: role '" + roleName + "' does not exist");
            } else if (guard.isAdministrative(role)) {
                problems.add("Group roles: role '" + roleName + "' is administrative; JIT never grants it");
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidMapperConfigException(problems);
        }
    }

    private static ExternalGroupsConfig configOrDeny(KeycloakSession session, IdentityProviderMapperModel mapperModel,
                                                     BrokeredIdentityContext context) {
        try {
            return ExternalGroupsConfig.parse(mapperModel.getConfig());
        } catch (InvalidMapperConfigException e) {
            LOG.errorf("JIT %s: mapper '%s' is misconfigured, refusing logins through it: %s",
                    alias(context), mapperModel.getName(), e.getMessage());
            throw LoginDenial.deny(session, context, LoginDenial.CONFIGURATION_ERROR);
        }
    }
}
