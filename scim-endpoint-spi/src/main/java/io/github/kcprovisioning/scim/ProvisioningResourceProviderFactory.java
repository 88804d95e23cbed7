package io.github.kcprovisioning.scim;

import io.github.kcprovisioning.scim.console.ConsoleClient;
import io.github.kcprovisioning.scim.user.UserAttributeMapping;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

import java.util.List;

/**
 * Serves the inbound SCIM 2.0 endpoint at {@code /realms/{realm}/provisioning/scim/v2}.
 * The id is {@code provisioning}, never {@code scim}: Keycloak's own preview SCIM feature registers that one.
 */
public class ProvisioningResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String PROVIDER_ID = "provisioning";

    static final String REQUIRED_ROLE = "required-role";
    static final String AUDIENCE = "audience";
    static final String DEFAULT_PAGE_SIZE = "default-page-size";
    static final String MAX_PAGE_SIZE = "max-page-size";
    static final String MAX_BODY_BYTES = "max-body-bytes";
    static final String MAX_BULK_OPERATIONS = "max-bulk-operations";
    static final String ATTRIBUTE_MAPPINGS = "attribute-mappings";

    private ScimSettings settings;

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new ProvisioningResourceProvider(session, settings);
    }

    @Override
    public void init(Config.Scope config) {
        settings = new ScimSettings(
                config.get(REQUIRED_ROLE, "scim-provisioning"),
                config.get(AUDIENCE),
                config.getInt(DEFAULT_PAGE_SIZE, 100),
                config.getInt(MAX_PAGE_SIZE, 1000),
                config.getInt(MAX_BODY_BYTES, 1024 * 1024),
                config.getInt(MAX_BULK_OPERATIONS, 1000),
                UserAttributeMapping.withOverrides(config.getArray(ATTRIBUTE_MAPPINGS)));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> ConsoleClient.onEvent(factory, event));
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(REQUIRED_ROLE).type(ProviderConfigProperty.STRING_TYPE).defaultValue("scim-provisioning")
                .label("Required role")
                .helpText("Role the SCIM client's service account must hold: 'scim-provisioning' names a realm role, "
                        + "'realm-management.manage-users' a client role.").add()
                .property().name(AUDIENCE).type(ProviderConfigProperty.STRING_TYPE)
                .label("Required audience")
                .helpText("When set, access tokens must contain this value in 'aud'.").add()
                .property().name(DEFAULT_PAGE_SIZE).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(100)
                .label("Default page size").helpText("Resources per page when a list request gives no 'count'.").add()
                .property().name(MAX_PAGE_SIZE).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(1000)
                .label("Maximum page size").helpText("Upper bound for 'count'; larger requests are cut to it.").add()
                .property().name(MAX_BODY_BYTES).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(1024 * 1024)
                .label("Maximum request body").helpText("Request bodies larger than this many bytes are refused with 413.").add()
                .property().name(MAX_BULK_OPERATIONS).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(1000)
                .label("Maximum bulk operations").helpText("Upper bound of operations in one /Bulk request.").add()
                .property().name(ATTRIBUTE_MAPPINGS).type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
                .label("Attribute mappings")
                .helpText("Comma-separated 'scimPath=userAttribute' pairs that add to or override the default mapping, e.g. "
                        + "'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department=dept'. "
                        + "An empty attribute name drops the SCIM attribute.").add()
                .build();
    }
}
