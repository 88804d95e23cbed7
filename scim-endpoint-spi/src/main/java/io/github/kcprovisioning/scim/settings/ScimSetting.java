package io.github.kcprovisioning.scim.settings;

import org.keycloak.provider.ProviderConfigProperty;

/**
 * One setting of the SCIM endpoint. Its {@link #key()} names it everywhere: as server-wide SPI option
 * ({@code --spi-realm-restapi-extension--provisioning--<key>}, the server default) and as config key of a realm's
 * {@code scim-endpoint-settings} component (the realm's value). {@link #jsonName()} names it in
 * {@code GET /realms/{realm}/provisioning/settings}; label and help text are message keys of the themes bundles.
 */
public enum ScimSetting {

    ENABLED("enabled", "enabled", "scimSettingsEnabled", ProviderConfigProperty.BOOLEAN_TYPE),
    REQUIRED_ROLE("required-role", "requiredRole", "scimSettingsRequiredRole", ProviderConfigProperty.ROLE_TYPE),
    AUDIENCE("audience", "audience", "scimSettingsAudience", ProviderConfigProperty.STRING_TYPE),
    DEFAULT_PAGE_SIZE("default-page-size", "defaultPageSize", "scimSettingsDefaultPageSize", ProviderConfigProperty.INTEGER_TYPE),
    MAX_PAGE_SIZE("max-page-size", "maxPageSize", "scimSettingsMaxPageSize", ProviderConfigProperty.INTEGER_TYPE),
    MAX_BODY_BYTES("max-body-bytes", "maxBodyBytes", "scimSettingsMaxBodyBytes", ProviderConfigProperty.INTEGER_TYPE),
    MAX_BULK_OPERATIONS("max-bulk-operations", "maxBulkOperations", "scimSettingsMaxBulkOperations", ProviderConfigProperty.INTEGER_TYPE),
    ATTRIBUTE_MAPPINGS("attribute-mappings", "attributeMappings", "scimSettingsAttributeMappings",
            ProviderConfigProperty.MULTIVALUED_STRING_TYPE);

    private final String key;
    private final String jsonName;
    private final String label;
    private final String type;

    ScimSetting(String key, String jsonName, String label, String type) {
        this.key = key;
        this.jsonName = jsonName;
        this.label = label;
        this.type = type;
    }

    public String key() {
        return key;
    }

    public String jsonName() {
        return jsonName;
    }

    /** message key of the label */
    public String label() {
        return label;
    }

    /** message key of the help text */
    public String help() {
        return label + "Help";
    }

    /** the admin console's field type */
    public String type() {
        return type;
    }
}
