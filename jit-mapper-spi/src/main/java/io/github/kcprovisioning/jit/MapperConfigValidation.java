package io.github.kcprovisioning.jit;

import io.github.kcprovisioning.jit.attributes.UserAttributesMapper;
import io.github.kcprovisioning.jit.groups.ExternalGroupsMapper;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;

import java.util.Map;

/** The config check of each JIT mapper type, by provider id: the same parse the mapper runs at login. */
final class MapperConfigValidation {

    /** One mapper type's check; {@code idpType} is the provider id of the mapper's identity provider (oidc, saml, …). */
    @FunctionalInterface
    interface Validator {
        void validate(KeycloakSession session, String idpType, Map<String, String> config);
    }

    private static final Map<String, Validator> VALIDATORS = Map.of(
            ExternalGroupsMapper.PROVIDER_ID, ExternalGroupsMapper::validateForRealm,
            UserAttributesMapper.PROVIDER_ID, (session, idpType, config) -> UserAttributesMapper.validateTargets(session, config));

    private MapperConfigValidation() {}

    /** @throws InvalidMapperConfigException when {@code mapperType} is a JIT mapper and its config cannot work */
    static void validate(KeycloakSession session, String idpAlias, String mapperType, Map<String, String> config) {
        Validator validator = VALIDATORS.get(mapperType);
        if (validator != null) {
            IdentityProviderModel idp = session.identityProviders().getByAlias(idpAlias);
            validator.validate(session, idp == null ? null : idp.getProviderId(), config == null ? Map.of() : config);
        }
    }
}
