package io.github.kcprovisioning.jit.groups;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcprovisioning.jit.InvalidMapperConfigException;
import io.github.kcprovisioning.jit.JitIdentityProviderMapper;
import io.github.kcprovisioning.jit.LoginDenial;
import org.jboss.logging.Logger;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.GroupModel;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code jit-external-groups}: provisions the user into the groups the identity provider asserts, below a managed root.
 * Decisions that refuse the login (gate, missing claim, broken config) are taken in {@code preprocessFederatedIdentity},
 * before Keycloak writes anything; the membership diff is applied when the user is imported or updated.
 */
public class ExternalGroupsMapper extends JitIdentityProviderMapper {

    public static final String PROVIDER_ID = "jit-external-groups";

    private static final Logger LOG = Logger.getLogger(ExternalGroupsMapper.class);
    private static final int MAX_LOGGED_REJECTIONS = 10;

    private static final List<ProviderConfigProperty> CONFIG = ProviderConfigurationBuilder.create()
            .property().name(ExternalGroupsConfig.CLAIM).label("Groups claim").type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue(ExternalGroupsConfig.DEFAULT_CLAIM)
            .helpText("Where the identity provider sends group memberships. OIDC: claim path in the access token, ID token or"
                    + " userinfo (nested: 'a.b', array element: 'a[0]', literal dot: '\\.'). SAML: attribute Name or FriendlyName.")
            .add()
            .property().name(ExternalGroupsConfig.ROOT_GROUP).label("Managed root group").type(ProviderConfigProperty.STRING_TYPE)
            .helpText("Path of the group under which JIT creates and manages groups, e.g. /external/entra. Created if missing."
                    + " JIT never creates groups or adds memberships outside it. Required.")
            .add()
            .property().name(ExternalGroupsConfig.STRING_FORMAT).label("Group string format").type(ProviderConfigProperty.LIST_TYPE)
            .options("name", "path").defaultValue("name")
            .helpText("How a string in the claim is read. 'name': an opaque group name created directly under the root"
                    + " (a '/' in it is rejected). 'path': '/eng/backend' creates the chain eng > backend under the root."
                    + " Objects in the claim always carry an id and a display name.")
            .add()
            .property().name(ExternalGroupsConfig.ID_FIELD).label("Object id field").type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue("id")
            .helpText("For claims that are objects: the field holding the stable group id (e.g. an Entra ID object id)."
                    + " It is stored on the group; a display-name change at the source renames the group in place.")
            .add()
            .property().name(ExternalGroupsConfig.NAME_FIELD).label("Object name field").type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue("name")
            .helpText("For claims that are objects: the field holding the display name (the id is used when absent).")
            .add()
            .property().name(ExternalGroupsConfig.INCLUDE).label("Include regex").type(ProviderConfigProperty.STRING_TYPE)
            .helpText("Only groups whose name, path or id fully matches this Java regular expression are provisioned. Empty: all.")
            .add()
            .property().name(ExternalGroupsConfig.EXCLUDE).label("Exclude regex").type(ProviderConfigProperty.STRING_TYPE)
            .helpText("Groups whose name, path or id fully matches this Java regular expression are ignored.")
            .add()
            .property().name(ExternalGroupsConfig.MAX_GROUPS).label("Max groups per login").type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue(String.valueOf(ExternalGroupsConfig.DEFAULT_MAX_GROUPS))
            .helpText("At most this many asserted groups (after the filters, in claim order) are provisioned per login;"
                    + " the rest is ignored and a warning is logged.")
            .add()
            .property().name(ExternalGroupsConfig.MAX_NAME_LENGTH).label("Max group name length").type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue(String.valueOf(ExternalGroupsConfig.DEFAULT_MAX_NAME_LENGTH))
            .helpText("Longer names (or path segments) are rejected with a warning. At most 255.")
            .add()
            .property().name(ExternalGroupsConfig.LOWER_CASE).label("Lower-case names").type(ProviderConfigProperty.BOOLEAN_TYPE)
            .defaultValue("false")
            .helpText("Lower-case group names and paths so that 'Admins' and 'admins' are one group.")
            .add()
            .property().name(ExternalGroupsConfig.ANCESTORS).label("Member of ancestors").type(ProviderConfigProperty.BOOLEAN_TYPE)
            .defaultValue("false")
            .helpText("Also make the user an explicit member of every group between the root and the asserted group.")
            .add()
            .property().name(ExternalGroupsConfig.MISSING_CLAIM).label("When the groups claim is missing")
            .type(ProviderConfigProperty.LIST_TYPE).options("keep", "deny").defaultValue("keep")
            .helpText("An absent claim is not an empty list. 'keep': leave the user's JIT memberships as they are and log a"
                    + " warning. 'deny': refuse the login. An explicitly empty list always removes JIT memberships.")
            .add()
            .property().name(ExternalGroupsConfig.GATE).label("Required groups (gate)")
            .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
            .helpText("If set, the login is refused with an error page unless the identity provider asserts at least one of"
                    + " these groups (by id, name or path as sent, after normalization).")
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
        JsonNode claim = claims(context).read(config.claim());
        if (claim == null && config.missingClaim() == ExternalGroupsConfig.MissingClaimPolicy.DENY) {
            LOG.warnf("JIT %s: groups claim '%s' missing for '%s'; login refused (mapper '%s')",
                    alias(context), config.claim(), context.getUsername(), mapperModel.getName());
            throw LoginDenial.deny(session, context, LoginDenial.GROUPS_CLAIM_MISSING);
        }
        if (config.gateDenies(config.claimParser().parse(claim).groups())) {
            LOG.infof("JIT %s: '%s' is in none of the required groups; login refused (mapper '%s')",
                    alias(context), context.getUsername(), mapperModel.getName());
            throw LoginDenial.deny(session, context, LoginDenial.ACCESS_DENIED);
        }
    }

    @Override
    public void importNewUser(KeycloakSession session, RealmModel realm, UserModel user, IdentityProviderMapperModel mapperModel,
                              BrokeredIdentityContext context) {
        synchronize(session, realm, user, mapperModel, context);
    }

    @Override
    public void updateBrokeredUser(KeycloakSession session, RealmModel realm, UserModel user, IdentityProviderMapperModel mapperModel,
                                   BrokeredIdentityContext context) {
        synchronize(session, realm, user, mapperModel, context);
    }

    private void synchronize(KeycloakSession session, RealmModel realm, UserModel user, IdentityProviderMapperModel mapperModel,
                             BrokeredIdentityContext context) {
        ExternalGroupsConfig config = ExternalGroupsConfig.parse(mapperModel.getConfig()); // preprocess refused invalid ones
        String alias = alias(context);
        JsonNode claim = claims(context).read(config.claim());
        if (claim == null) {
            LOG.warnf("JIT %s: groups claim '%s' missing for user '%s'; keeping the JIT memberships unchanged",
                    alias, config.claim(), user.getUsername());
            return;
        }
        GroupClaimParser.Result parsed = config.claimParser().parse(claim);
        logRejections(alias, user, parsed.rejections());
        GroupSelection.Result selected = config.selection().select(parsed.groups());
        if (selected.overLimit() > 0) {
            LOG.warnf("JIT %s: user '%s' is asserted in %d groups, more than the maximum of %d; ignoring %d of them",
                    alias, user.getUsername(), selected.selected().size() + selected.overLimit(), config.maxGroups(),
                    selected.overLimit());
        }

        ManagedGroupTree tree = ManagedGroupTree.open(session, realm, GroupProvenance.idpSource(alias), config.rootPath());
        Map<String, GroupModel> desired = desiredGroups(realm, alias, user, config, tree, tree.resolve(selected.selected()));
        Set<String> members = user.getGroupsStream().map(GroupModel::getId).collect(Collectors.toSet());
        MembershipLedger ledger = new MembershipLedger(session, realm, user, alias, tree);
        MembershipPlan plan = MembershipPlan.compute(desired.keySet(), members, ledger.owned(), ledger.excluded());

        plan.join().forEach(id -> user.joinGroup(desired.get(id)));
        plan.leave().forEach(id -> user.leaveGroup(session.groups().getGroupById(realm, id)));
        ledger.record(plan);
        if (!plan.join().isEmpty() || !plan.leave().isEmpty()) {
            LOG.debugf("JIT %s: user '%s' joined %d and left %d groups", alias, user.getUsername(), plan.join().size(),
                    plan.leave().size());
        }
    }

    /** Group id to group, leaving out groups that would grant admin rights (and adding ancestors when configured). */
    private static Map<String, GroupModel> desiredGroups(RealmModel realm, String alias, UserModel user,
                                                         ExternalGroupsConfig config, ManagedGroupTree tree,
                                                         Map<ExternalGroup, GroupModel> resolved) {
        PrivilegeGuard guard = new PrivilegeGuard(realm);
        Map<String, GroupModel> desired = new java.util.LinkedHashMap<>();
        for (GroupModel group : resolved.values()) {
            Set<GroupModel> candidates = new LinkedHashSet<>();
            candidates.add(group);
            if (config.memberOfAncestors()) {
                candidates.addAll(tree.ancestorsBelowRoot(group));
            }
            for (GroupModel candidate : candidates) {
                if (guard.grantsAdminRights(candidate)) {
                    LOG.warnf("JIT %s: not adding user '%s' to group %s '%s': it grants administrative roles",
                            alias, user.getUsername(), candidate.getId(), candidate.getName());
                } else {
                    desired.put(candidate.getId(), candidate);
                }
            }
        }
        return desired;
    }

    private static void logRejections(String alias, UserModel user, List<GroupClaimParser.Rejection> rejections) {
        rejections.stream().limit(MAX_LOGGED_REJECTIONS).forEach(r -> LOG.warnf(
                "JIT %s: ignoring group %s asserted for user '%s': %s", alias, r.item(), user.getUsername(), r.reason()));
        if (rejections.size() > MAX_LOGGED_REJECTIONS) {
            LOG.warnf("JIT %s: ... and %d more rejected groups for user '%s'", alias,
                    rejections.size() - MAX_LOGGED_REJECTIONS, user.getUsername());
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
