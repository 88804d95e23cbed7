package io.github.kcprovisioning.scim.settings;

import io.github.kcprovisioning.scim.ScimSettings;
import io.github.kcprovisioning.scim.user.UserAttributeMapping;
import java.util.List;
import org.keycloak.Config;

/**
 * The server-wide defaults of the SCIM endpoint: the SPI options, read once at start-up. A realm's
 * {@code scim-endpoint-settings} component overrides them setting by setting.
 *
 * @param defaults          the settings of a realm that overrides nothing
 * @param attributeMappings the raw {@code attribute-mappings} entries, which a realm's entries are applied after
 */
public record ServerSettings(ScimSettings defaults, List<String> attributeMappings) {

    public ServerSettings {
        attributeMappings = List.copyOf(attributeMappings);
    }

    public static ServerSettings from(Config.Scope config) {
        String[] mappings = config.getArray(ScimSetting.ATTRIBUTE_MAPPINGS.key());
        return new ServerSettings(new ScimSettings(
                config.get(ScimSetting.REQUIRED_ROLE.key(), "scim-provisioning"),
                config.get(ScimSetting.AUDIENCE.key()),
                config.getInt(ScimSetting.DEFAULT_PAGE_SIZE.key(), 100),
                config.getInt(ScimSetting.MAX_PAGE_SIZE.key(), 1000),
                config.getInt(ScimSetting.MAX_BODY_BYTES.key(), 1024 * 1024),
                config.getInt(ScimSetting.MAX_BULK_OPERATIONS.key(), 1000),
                UserAttributeMapping.withOverrides(mappings)),
                mappings == null ? List.of() : List.of(mappings));
    }
}
