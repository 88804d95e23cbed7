package io.github.kcprovisioning.scim;

import io.github.kcprovisioning.scim.console.ConsoleClient;
import io.github.kcprovisioning.scim.settings.ScimSetting;
import io.github.kcprovisioning.scim.settings.ServerSettings;
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
 * Its SPI options are the server-wide defaults of the endpoint's settings; a realm overrides them on the admin-console
 * page <em>SCIM endpoint</em> ({@link io.github.kcprovisioning.scim.settings.ScimSettingsPageFactory}).
 */
public class ProvisioningResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String PROVIDER_ID = "provisioning";

    private ServerSettings serverSettings;

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new ProvisioningResourceProvider(session, serverSettings);
    }

    @Override
    public void init(Config.Scope config) {
        serverSettings = ServerSettings.from(config);
    }

    /** the SPI options: the defaults of every realm that does not set a value in its SCIM endpoint settings */
    public ServerSettings serverSettings() {
        return serverSettings;
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
                .property().name(ScimSetting.REQUIRED_ROLE.key()).type(ProviderConfigProperty.STRING_TYPE).defaultValue("scim-provisioning")
                .label("Required role")
                .helpText("Role the SCIM client's service account must hold: 'scim-provisioning' names a realm role, "
                        + "'realm-management.manage-users' a client role.").add()
                .property().name(ScimSetting.AUDIENCE.key()).type(ProviderConfigProperty.STRING_TYPE)
                .label("Required audience")
                .helpText("When set, access tokens must contain this value in 'aud'.").add()
                .property().name(ScimSetting.DEFAULT_PAGE_SIZE.key()).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(100)
                .label("Default page size").helpText("Resources per page when a list request gives no 'count'.").add()
                .property().name(ScimSetting.MAX_PAGE_SIZE.key()).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(1000)
                .label("Maximum page size").helpText("Upper bound for 'count'; larger requests are cut to it.").add()
                .property().name(ScimSetting.MAX_BODY_BYTES.key()).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(1024 * 1024)
                .label("Maximum request body").helpText("Request bodies larger than this many bytes are refused with 413.").add()
                .property().name(ScimSetting.MAX_BULK_OPERATIONS.key()).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(1000)
                .label("Maximum bulk operations").helpText("Upper bound of operations in one /Bulk request.").add()
                .property().name(ScimSetting.ATTRIBUTE_MAPPINGS.key()).type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
                .label("Attribute mappings")
                .helpText("Comma-separated 'scimPath=userAttribute' pairs that add to or override the default mapping, e.g. "
                        + "'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department=dept'. "
                        + "An empty attribute name drops the SCIM attribute.").add()
                .build();
    }
}
