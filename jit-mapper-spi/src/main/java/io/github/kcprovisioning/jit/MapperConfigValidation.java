package io.github.kcprovisioning.jit;

import io.github.kcprovisioning.jit.groups.ExternalGroupsConfig;
import io.github.kcprovisioning.jit.groups.ExternalGroupsMapper;

import java.util.Map;
import java.util.function.Consumer;

/** The config check of each JIT mapper type, by provider id: the same parse the mapper runs at login. */
final class MapperConfigValidation {

    private static final Map<String, Consumer<Map<String, String>>> VALIDATORS = Map.of(
            ExternalGroupsMapper.PROVIDER_ID, ExternalGroupsConfig::parse);

    private MapperConfigValidation() {}

    /** @throws InvalidMapperConfigException when {@code mapperType} is a JIT mapper and its config cannot work */
    static void validate(String mapperType, Map<String, String> config) {
        Consumer<Map<String, String>> validator = VALIDATORS.get(mapperType);
        if (validator != null) {
            validator.accept(config == null ? Map.of() : config);
        }
    }
}
