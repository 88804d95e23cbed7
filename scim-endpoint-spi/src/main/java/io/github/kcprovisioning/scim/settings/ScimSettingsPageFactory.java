package io.github.kcprovisioning.scim.settings;

import io.github.kcprovisioning.scim.ProvisioningResourceProviderFactory;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.keycloak.Config;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.ui.extend.UiPageProviderFactory;

/**
 * The admin-console page <em>Configure → SCIM endpoint</em> (Keycloak's declarative UI, server feature
 * {@code declarative-ui}): the realm's SCIM endpoint settings. Keycloak stores its entry as a realm component of type
 * {@code UiPageProvider} with provider id {@code scim-endpoint-settings}; {@link RealmScimSettings} reads it on every SCIM
 * request. A realm has at most one entry, and an entry is saved only when every value it sets can be used; the admin
 * console shows the reason of a refusal in the admin's language ({@link AdminLanguage}).
 */
public class ScimSettingsPageFactory implements UiPageProviderFactory<ComponentModel> {

    public static final String ID = "scim-endpoint-settings";
    /** the entry's title in the page's list (the console lists entries by their first field) */
    static final String NAME = "name";
    static final String HELP_TEXT = "scimSettingsHelp";
    static final String DUPLICATE = "scimSettingsDuplicate";
    /** the English of {@link #DUPLICATE} (checked against the bundle by a unit test) */
    static final String DUPLICATE_ENGLISH = "This realm already has SCIM endpoint settings: edit that entry instead of adding a second one.";

    private static final List<ProviderConfigProperty> PROPERTIES = properties();
    private static final Set<String> FIELDS = PROPERTIES.stream().map(ProviderConfigProperty::getName).collect(Collectors.toSet());

    private static List<ProviderConfigProperty> properties() {
        ProviderConfigurationBuilder builder = ProviderConfigurationBuilder.create()
                .property().name(NAME).label("scimSettingsName").helpText("scimSettingsNameHelp")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("SCIM endpoint").add();
        for (ScimSetting setting : ScimSetting.values()) {
            builder.property().name(setting.key()).label(setting.label()).helpText(setting.help()).type(setting.type())
                    .defaultValue(setting == ScimSetting.ENABLED ? "true" : null).add();
        }
        return List.copyOf(builder.build());
    }

    /**
     * Refuses a second entry and every unusable value. Keeps only the page's fields (the console also sends its route
     * parameters), makes the entry a child of the realm, and names it (the name field, else the component's name).
     */
    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model) throws ComponentValidationException {
        if (RealmScimSettings.components(realm).anyMatch(other -> !Objects.equals(other.getId(), model.getId()))) {
            throw AdminLanguage.refusal(session, DUPLICATE_ENGLISH, DUPLICATE);
        }
        model.setParentId(realm.getId());
        model.getConfig().keySet().retainAll(FIELDS);
        String name = Stream.of(model.get(NAME), model.getName(), ID).filter(n -> n != null && !n.isBlank()).findFirst().orElseThrow().trim();
        model.setName(name);
        model.getConfig().putSingle(NAME, name);
        try {
            RealmOverrides.enabled(model.getConfig());
            RealmOverrides.requireRole(model.getConfig(), role -> KeycloakModelUtils.getRoleFromString(realm, role) != null);
            RealmOverrides.apply(server(session), model.getConfig());
        } catch (InvalidSettingException e) {
            throw AdminLanguage.refusal(session, e.getMessage(), e.messageKey(), e.consoleParameters());
        }
    }

    private static ServerSettings server(KeycloakSession session) {
        return ((ProvisioningResourceProviderFactory) session.getKeycloakSessionFactory()
                .getProviderFactory(RealmResourceProvider.class, ProvisioningResourceProviderFactory.PROVIDER_ID)).serverSettings();
    }

    /** the list's columns */
    @Override
    public Map<String, Object> getTypeMetadata() {
        return Map.of("displayFields", List.of(NAME, ScimSetting.ENABLED.key(), ScimSetting.REQUIRED_ROLE.key(),
                ScimSetting.MAX_PAGE_SIZE.key()));
    }

    @Override
    public String getHelpText() {
        return HELP_TEXT;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return PROPERTIES;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
