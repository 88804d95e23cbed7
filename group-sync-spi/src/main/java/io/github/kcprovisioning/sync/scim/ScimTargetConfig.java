package io.github.kcprovisioning.sync.scim;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.keycloak.component.ComponentModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** The SCIM-specific configuration of a {@code scim-target} component. */
public record ScimTargetConfig(URI baseUrl, AuthType authType, String bearerToken, String username, String password,
                               URI tokenUrl, String clientId, String clientSecret, String oauthScope,
                               Deprovision deprovision, GroupMode groupMode, Duration requestTimeout,
                               Map<String, String> attributeMapping) {

    public enum AuthType { BEARER, BASIC, OAUTH2_CLIENT_CREDENTIALS, NONE }

    /** what happens on the target when a user is deleted locally or leaves the scope */
    public enum Deprovision { DELETE, DEACTIVATE }

    /** NESTED: sub-groups are pushed as group members of their parent; FLATTEN: a member of a sub-group is also pushed as member of its ancestors */
    public enum GroupMode { NESTED, FLATTEN }

    /** SCIM user attributes a mapping may fill: single-valued strings of the core schema and the enterprise extension */
    static final Set<String> MAPPABLE_CORE = Set.of("title", "nickName", "userType", "preferredLanguage", "locale", "timezone", "profileUrl");
    static final Set<String> MAPPABLE_ENTERPRISE = Set.of("department", "employeeNumber", "costCenter", "organization", "division");
    static final String ENTERPRISE_PREFIX = "enterprise:";

    public static final String BASE_URL = "baseUrl";
    public static final String AUTH_TYPE = "authType";
    public static final String BEARER_TOKEN = "bearerToken";
    public static final String USERNAME = "username";
    public static final String PASSWORD = "password";
    public static final String TOKEN_URL = "tokenUrl";
    public static final String CLIENT_ID = "clientId";
    public static final String CLIENT_SECRET = "clientSecret";
    public static final String OAUTH_SCOPE = "oauthScope";
    public static final String DEPROVISION = "deprovision";
    public static final String GROUP_MODE = "groupMode";
    public static final String TIMEOUT_MS = "requestTimeoutMillis";
    public static final String ATTRIBUTE_MAPPING = "attributeMapping";

    /**
     * Labels and help texts are message keys of the themes bundles ({@code outbound*}), translated by the admin console.
     * URLs are plain strings: the console shows {@code URL_TYPE} as a read-only link, not as an input.
     */
    public static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name(BASE_URL).label("outboundBaseUrl").helpText("outboundBaseUrlHelp")
            .type(ProviderConfigProperty.STRING_TYPE).required(true).add()
            .property().name(AUTH_TYPE).label("outboundAuthType").helpText("outboundAuthTypeHelp")
            .type(ProviderConfigProperty.LIST_TYPE).options("BEARER", "BASIC", "OAUTH2_CLIENT_CREDENTIALS", "NONE").defaultValue("BEARER").add()
            .property().name(BEARER_TOKEN).label("outboundBearerToken").helpText("outboundBearerTokenHelp")
            .type(ProviderConfigProperty.PASSWORD).secret(true).add()
            .property().name(USERNAME).label("outboundUsername").helpText("outboundUsernameHelp")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(PASSWORD).label("outboundPassword").helpText("outboundPasswordHelp")
            .type(ProviderConfigProperty.PASSWORD).secret(true).add()
            .property().name(TOKEN_URL).label("outboundTokenUrl").helpText("outboundTokenUrlHelp")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(CLIENT_ID).label("outboundClientId").helpText("outboundClientIdHelp")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(CLIENT_SECRET).label("outboundClientSecret").helpText("outboundClientSecretHelp")
            .type(ProviderConfigProperty.PASSWORD).secret(true).add()
            .property().name(OAUTH_SCOPE).label("outboundOauthScope").helpText("outboundOauthScopeHelp")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(DEPROVISION).label("outboundDeprovision").helpText("outboundDeprovisionHelp")
            .type(ProviderConfigProperty.LIST_TYPE).options("DELETE", "DEACTIVATE").defaultValue("DELETE").add()
            .property().name(GROUP_MODE).label("outboundGroupMode").helpText("outboundGroupModeHelp")
            .type(ProviderConfigProperty.LIST_TYPE).options("NESTED", "FLATTEN").defaultValue("NESTED").add()
            .property().name(TIMEOUT_MS).label("outboundRequestTimeout").helpText("outboundRequestTimeoutHelp")
            .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("10000").add()
            .property().name(ATTRIBUTE_MAPPING).label("outboundAttributeMapping").helpText("outboundAttributeMappingHelp")
            .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE).add()
            .build();

    public static ScimTargetConfig of(ComponentModel model) {
        String base = required(model, BASE_URL);
        AuthType auth = AuthType.valueOf(orDefault(model.get(AUTH_TYPE), "BEARER"));
        ScimTargetConfig config = new ScimTargetConfig(
                URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base),
                auth,
                model.get(BEARER_TOKEN), model.get(USERNAME), model.get(PASSWORD),
                blank(model.get(TOKEN_URL)) ? null : URI.create(model.get(TOKEN_URL).trim()),
                model.get(CLIENT_ID), model.get(CLIENT_SECRET), model.get(OAUTH_SCOPE),
                Deprovision.valueOf(orDefault(model.get(DEPROVISION), "DELETE")),
                GroupMode.valueOf(orDefault(model.get(GROUP_MODE), "NESTED")),
                Duration.ofMillis(Long.parseLong(orDefault(model.get(TIMEOUT_MS), "10000"))),
                mapping(model.getConfig().getOrDefault(ATTRIBUTE_MAPPING, List.of())));
        config.checkAuthComplete();
        return config;
    }

    private void checkAuthComplete() {
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException(BASE_URL + " must be an http(s) URL");
        }
        switch (authType) {
            case BEARER -> requireSet(bearerToken, BEARER_TOKEN);
            case BASIC -> {
                requireSet(username, USERNAME);
                requireSet(password, PASSWORD);
            }
            case OAUTH2_CLIENT_CREDENTIALS -> {
                if (tokenUrl == null) {
                    throw new IllegalArgumentException(TOKEN_URL + " is required for OAUTH2_CLIENT_CREDENTIALS");
                }
                requireSet(clientId, CLIENT_ID);
                requireSet(clientSecret, CLIENT_SECRET);
            }
            case NONE -> {
            }
        }
    }

    static Map<String, String> mapping(List<String> entries) {
        Map<String, String> mapping = new LinkedHashMap<>();
        for (String entry : entries) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException(ATTRIBUTE_MAPPING + " entries must be scimAttribute=keycloakAttribute, got '" + entry + "'");
            }
            String scimAttribute = entry.substring(0, eq).trim();
            boolean mappable = scimAttribute.startsWith(ENTERPRISE_PREFIX)
                    ? MAPPABLE_ENTERPRISE.contains(scimAttribute.substring(ENTERPRISE_PREFIX.length()))
                    : MAPPABLE_CORE.contains(scimAttribute);
            if (!mappable) {
                throw new IllegalArgumentException(ATTRIBUTE_MAPPING + ": '" + scimAttribute + "' is not a mappable SCIM user attribute");
            }
            mapping.put(scimAttribute, entry.substring(eq + 1).trim());
        }
        return mapping;
    }

    private static void requireSet(String value, String name) {
        if (blank(value)) {
            throw new IllegalArgumentException(name + " is required for this authentication type");
        }
    }

    private static String required(ComponentModel model, String key) {
        String value = model.get(key);
        if (blank(value)) {
            throw new IllegalArgumentException(key + " is required");
        }
        return value.trim();
    }

    private static String orDefault(String value, String fallback) {
        return blank(value) ? fallback : value.trim();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** never print secrets */
    @Override
    public String toString() {
        return "ScimTargetConfig[" + baseUrl + ", auth=" + authType + ", deprovision=" + deprovision + ", groups=" + groupMode + "]";
    }
}
