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

    public static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name(BASE_URL).label("SCIM base URL").type(ProviderConfigProperty.URL_TYPE).required(true)
            .helpText("Base URL of the SCIM 2.0 service, the part before /Users and /Groups (e.g. https://app.example.com/scim/v2).").add()
            .property().name(AUTH_TYPE).label("Authentication").type(ProviderConfigProperty.LIST_TYPE)
            .options("BEARER", "BASIC", "OAUTH2_CLIENT_CREDENTIALS", "NONE").defaultValue("BEARER")
            .helpText("How requests authenticate: a static bearer token, HTTP basic, or an OAuth2 client-credentials token (cached until it expires).").add()
            .property().name(BEARER_TOKEN).label("Bearer token").type(ProviderConfigProperty.PASSWORD).secret(true)
            .helpText("Static token for BEARER authentication. Vault references (${vault.key}) work.").add()
            .property().name(USERNAME).label("Basic username").type(ProviderConfigProperty.STRING_TYPE)
            .helpText("User name for BASIC authentication.").add()
            .property().name(PASSWORD).label("Basic password").type(ProviderConfigProperty.PASSWORD).secret(true)
            .helpText("Password for BASIC authentication.").add()
            .property().name(TOKEN_URL).label("OAuth2 token URL").type(ProviderConfigProperty.URL_TYPE)
            .helpText("Token endpoint for OAUTH2_CLIENT_CREDENTIALS.").add()
            .property().name(CLIENT_ID).label("OAuth2 client id").type(ProviderConfigProperty.STRING_TYPE)
            .helpText("Client id for OAUTH2_CLIENT_CREDENTIALS.").add()
            .property().name(CLIENT_SECRET).label("OAuth2 client secret").type(ProviderConfigProperty.PASSWORD).secret(true)
            .helpText("Client secret for OAUTH2_CLIENT_CREDENTIALS.").add()
            .property().name(OAUTH_SCOPE).label("OAuth2 scope").type(ProviderConfigProperty.STRING_TYPE)
            .helpText("Optional scope requested with the client-credentials token.").add()
            .property().name(DEPROVISION).label("On delete / leaving scope").type(ProviderConfigProperty.LIST_TYPE)
            .options("DELETE", "DEACTIVATE").defaultValue("DELETE")
            .helpText("DELETE removes the user on the target; DEACTIVATE sets active=false and keeps it.").add()
            .property().name(GROUP_MODE).label("Nested groups").type(ProviderConfigProperty.LIST_TYPE)
            .options("NESTED", "FLATTEN").defaultValue("NESTED")
            .helpText("NESTED: a sub-group is pushed as a member of its parent group. FLATTEN: for targets without nested groups, "
                    + "a member of a sub-group is also made a member of every ancestor group in scope.").add()
            .property().name(TIMEOUT_MS).label("Request timeout (ms)").type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("10000")
            .helpText("A request taking longer counts as a failed, retryable attempt.").add()
            .property().name(ATTRIBUTE_MAPPING).label("Attribute mapping").type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
            .helpText("Extra user attributes to push, as scimAttribute=keycloakAttribute. Core attributes by name (title, "
                    + "nickName, userType, preferredLanguage, locale, timezone), enterprise ones prefixed 'enterprise:' "
                    + "(enterprise:department, enterprise:employeeNumber, enterprise:costCenter, enterprise:organization, enterprise:division). "
                    + "userName, name, emails, active and externalId are always pushed; passwords never.").add()
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
