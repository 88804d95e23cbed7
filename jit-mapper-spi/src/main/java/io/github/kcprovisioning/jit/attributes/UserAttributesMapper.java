package io.github.kcprovisioning.jit.attributes;

import io.github.kcprovisioning.jit.InvalidMapperConfigException;
import io.github.kcprovisioning.jit.JitIdentityProviderMapper;
import io.github.kcprovisioning.jit.LoginDenial;
import io.github.kcprovisioning.jit.claims.ClaimSource;
import org.jboss.logging.Logger;
import org.keycloak.events.admin.OperationType;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code jit-user-attributes}: fills the user's built-in fields and attributes from claims through a mapping table.
 * Values are checked in {@code preprocessFederatedIdentity} (where a refused login leaves nothing behind) and handed to
 * Keycloak's first-login flow through the brokered identity, so the declarative user profile validates them; on later
 * logins (sync mode force/legacy) they are written to the user.
 */
public class UserAttributesMapper extends JitIdentityProviderMapper {

    public static final String PROVIDER_ID = "jit-user-attributes";

    private static final Logger LOG = Logger.getLogger(UserAttributesMapper.class);

    /** Labels and help texts are message keys of the themes bundle: the admin console shows them translated. */
    private static final List<ProviderConfigProperty> CONFIG = ProviderConfigurationBuilder.create()
            .property().name(UserAttributesConfig.MAPPINGS).label("jitAttributesMappings").type(ProviderConfigProperty.TEXT_TYPE)
            .helpText("jitAttributesMappingsHelp")
            .add()
            .property().name(UserAttributesConfig.ON_PROBLEM).label("jitAttributesOnProblem")
            .type(ProviderConfigProperty.LIST_TYPE).options("skip", "deny").defaultValue("skip")
            .helpText("jitAttributesOnProblemHelp")
            .add()
            .property().name(UserAttributesConfig.MAX_LENGTH).label("jitAttributesMaxLength").type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue(String.valueOf(UserAttributesConfig.DEFAULT_MAX_LENGTH))
            .helpText("jitAttributesMaxLengthHelp")
            .add()
            .build();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "JIT user attributes";
    }

    @Override
    public String getHelpText() {
        return "Sets username, e-mail, names, enabled and user attributes from claims or SAML attributes, with transforms,"
                + " templates and required values.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    /** Save-time check against the realm's user profile (the parse itself is done by the caller). */
    public static void validateTargets(KeycloakSession session, Map<String, String> config) {
        UserProfileRules rules = new UserProfileRules(session);
        List<String> problems = UserAttributesConfig.parse(config).mappings().stream()
                .filter(m -> m.target().kind() == UserField.Kind.ATTRIBUTE)
                .map(m -> rules.refusal(m.target().name()))
                .filter(Objects::nonNull)
                .toList();
        if (!problems.isEmpty()) {
            throw new InvalidMapperConfigException(problems);
        }
    }

    @Override
    public void preprocessFederatedIdentity(KeycloakSession session, RealmModel realm, IdentityProviderMapperModel mapperModel,
                                            BrokeredIdentityContext context) {
        Map<AttributeMapping, MappedValue> values = evaluate(session, mapperModel, context, true);
        values.forEach((mapping, value) -> {
            switch (mapping.target().kind()) {
                case USERNAME -> context.setModelUsername(value.values().get(0));
                case EMAIL -> context.setEmail(value.values().get(0));
                case FIRST_NAME -> context.setFirstName(value.values().get(0));
                case LAST_NAME -> context.setLastName(value.values().get(0));
                // a plain ArrayList: Keycloak serializes context data by class name between first-login steps
                case ATTRIBUTE -> context.setUserAttribute(mapping.target().name(), new ArrayList<>(value.values()));
                case ENABLED -> { } // applied to the user once it exists
            }
        });
    }

    @Override
    public void importNewUser(KeycloakSession session, RealmModel realm, UserModel user, IdentityProviderMapperModel mapperModel,
                              BrokeredIdentityContext context) {
        apply(session, realm, user, evaluate(session, mapperModel, context, false));
        audit(session, realm, user, context, OperationType.CREATE);
    }

    @Override
    public void updateBrokeredUser(KeycloakSession session, RealmModel realm, UserModel user, IdentityProviderMapperModel mapperModel,
                                   BrokeredIdentityContext context) {
        apply(session, realm, user, evaluate(session, mapperModel, context, false));
        audit(session, realm, user, context, OperationType.UPDATE);
    }

    /**
     * The values that are fine, in table order. Problems are logged; with the deny policy and {@code mayDeny} they refuse
     * the login (only in preprocessing, before Keycloak writes anything).
     */
    private static Map<AttributeMapping, MappedValue> evaluate(KeycloakSession session, IdentityProviderMapperModel mapperModel,
                                                              BrokeredIdentityContext context, boolean mayDeny) {
        UserAttributesConfig config;
        try {
            config = UserAttributesConfig.parse(mapperModel.getConfig());
        } catch (InvalidMapperConfigException e) {
            LOG.errorf("JIT %s: mapper '%s' is misconfigured, refusing logins through it: %s",
                    alias(context), mapperModel.getName(), e.getMessage());
            throw LoginDenial.deny(session, context, LoginDenial.CONFIGURATION_ERROR);
        }
        ClaimSource claims = claims(context);
        UserProfileRules profile = new UserProfileRules(session);
        Map<AttributeMapping, MappedValue> fine = new LinkedHashMap<>();
        for (AttributeMapping mapping : config.mappings()) {
            MappedValue value = mapping.evaluate(claims, config.maxLength());
            String refusal = mapping.target().kind() == UserField.Kind.ATTRIBUTE ? profile.refusal(mapping.target().name()) : null;
            if (refusal != null) {
                value = MappedValue.problem(mapping.sourceLabel(), refusal);
            }
            if (value.ok()) {
                fine.put(mapping, value);
            } else if (!value.isMissing() || mapping.required()) {
                handleProblem(session, context, mapperModel, config, mapping, value, mayDeny);
            }
        }
        return fine;
    }

    private static void handleProblem(KeycloakSession session, BrokeredIdentityContext context, IdentityProviderMapperModel mapperModel,
                                      UserAttributesConfig config, AttributeMapping mapping, MappedValue value, boolean mayDeny) {
        boolean deny = config.policy() == UserAttributesConfig.ProblemPolicy.DENY;
        if (mayDeny) {
            LOG.warnf("JIT %s: mapper '%s', user '%s': claim '%s' for '%s' is %s; %s", alias(context), mapperModel.getName(),
                    context.getUsername(), value.claim(), mapping.target().name(), value.problem(),
                    deny ? "login refused" : "field left unchanged");
        }
        if (deny && mayDeny) {
            throw value.isMissing()
                    ? LoginDenial.deny(session, context, LoginDenial.REQUIRED_CLAIM_MISSING, value.claim())
                    : LoginDenial.deny(session, context, LoginDenial.CLAIM_INVALID, value.claim(), value.problem());
        }
    }

    private static void apply(KeycloakSession session, RealmModel realm, UserModel user, Map<AttributeMapping, MappedValue> values) {
        values.forEach((mapping, mapped) -> {
            String value = mapped.values().get(0);
            switch (mapping.target().kind()) {
                case USERNAME -> { } // set at first login only: renaming an existing user could clash or break links
                case EMAIL -> setEmail(session, realm, user, value);
                case FIRST_NAME -> user.setFirstName(value);
                case LAST_NAME -> user.setLastName(value);
                case ENABLED -> user.setEnabled(Boolean.parseBoolean(value));
                case ATTRIBUTE -> {
                    if (!mapped.values().equals(user.getAttributeStream(mapping.target().name()).toList())) {
                        user.setAttribute(mapping.target().name(), mapped.values());
                    }
                }
            }
        });
    }

    /** A duplicate e-mail would fail the whole login at commit: skip it with a warning instead. */
    private static void setEmail(KeycloakSession session, RealmModel realm, UserModel user, String email) {
        if (email.equalsIgnoreCase(Objects.toString(user.getEmail(), ""))) {
            return;
        }
        UserModel owner = realm.isDuplicateEmailsAllowed() ? null : session.users().getUserByEmail(realm, email);
        if (owner != null && !owner.getId().equals(user.getId())) {
            LOG.warnf("JIT: not changing the e-mail of user '%s': another user already has it", user.getUsername());
            return;
        }
        user.setEmail(email);
    }
}
