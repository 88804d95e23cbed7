package io.github.kcprovisioning.jit;

import io.github.kcprovisioning.jit.attributes.UserAttributesMapper;
import io.github.kcprovisioning.jit.groups.ExternalGroupsConfig;
import io.github.kcprovisioning.jit.groups.ExternalGroupsMapper;
import org.keycloak.models.KeycloakSession;

import java.util.Map;
import java.util.function.BiConsumer;

/** The config check of each JIT mapper type, by provider id: the same parse the mapper runs at login. */
final class MapperConfigValidation {

    private static final Map<String, BiConsumer<KeycloakSession, Map<String, String>>> VALIDATORS = Map.of(
            ExternalGroupsMapper.PROVIDER_ID, (session, config) -> ExternalGroupsConfig.parse(config),
            UserAttributesMapper.PROVIDER_ID, UserAttributesMapper::validateTargets);

    private MapperConfigValidation() {}

    /** @throws InvalidMapperConfigException when {@code mapperType} is a JIT mapper and its config cannot work */
    static void validate(KeycloakSession session, String mapperType, Map<String, String> config) {
        BiConsumer<KeycloakSession, Map<String, String>> validator = VALIDATORS.get(mapperType);
        if (validator != null) {
            validator.accept(session, config == null ? Map.of() : config);
        }
    }
}
