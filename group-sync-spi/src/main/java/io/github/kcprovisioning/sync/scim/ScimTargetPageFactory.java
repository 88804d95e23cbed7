package io.github.kcprovisioning.sync.scim;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.kcprovisioning.sync.target.OutboundTargetProvider;
import io.github.kcprovisioning.sync.target.TargetSettings;
import org.keycloak.Config;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.ui.extend.UiPageProvider;
import org.keycloak.services.ui.extend.UiPageProviderFactory;

/**
 * The admin-console page <em>Configure → Outbound SCIM targets</em> (Keycloak's declarative UI, server feature
 * {@code declarative-ui}). Keycloak stores each entry of the page as a realm component of type {@code UiPageProvider}
 * whose provider id is this page's id, {@code scim-target}: the entry IS the target, and the drainer creates it by that
 * provider id exactly like a {@code scim-target} created through the admin REST API. The page adds a name field (its
 * form has none) and hands the component life cycle (validation, creation, update, removal) to the target factory.
 */
public class ScimTargetPageFactory implements UiPageProviderFactory<UiPageProvider> {

    public static final String NAME = "name";

    private static final List<ProviderConfigProperty> PROPERTIES = new ArrayList<>();
    private static final Set<String> FIELDS = new HashSet<>();

    static {
        PROPERTIES.addAll(ProviderConfigurationBuilder.create()
                .property().name(NAME).label("outboundName").helpText("outboundNameHelp")
                .type(ProviderConfigProperty.STRING_TYPE).required(true).add()
                .build());
        PROPERTIES.addAll(ScimTargetProviderFactory.PROPERTIES);
        PROPERTIES.forEach(p -> FIELDS.add(p.getName()));
    }

    /**
     * The entry's name becomes the component's name (shown by the status API and the logs). Anything that is not a
     * field of the page is dropped: the console also sends its route parameters and the group picker's group type.
     */
    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model) throws ComponentValidationException {
        String name = model.get(NAME);
        if (name == null || name.isBlank()) {
            throw new ComponentValidationException(NAME + " is required");
        }
        model.setName(name.trim());
        model.getConfig().keySet().retainAll(FIELDS);
        target(session).validateConfiguration(session, realm, model);
    }

    @Override
    public void onCreate(KeycloakSession session, RealmModel realm, ComponentModel model) {
        target(session).onCreate(session, realm, model);
    }

    @Override
    public void onUpdate(KeycloakSession session, RealmModel realm, ComponentModel oldModel, ComponentModel newModel) {
        target(session).onUpdate(session, realm, oldModel, newModel);
    }

    @Override
    public void preRemove(KeycloakSession session, RealmModel realm, ComponentModel model) {
        target(session).preRemove(session, realm, model);
    }

    /** the registered instance: it owns the node's token cache */
    private static ScimTargetProviderFactory target(KeycloakSession session) {
        return (ScimTargetProviderFactory) session.getKeycloakSessionFactory()
                .getProviderFactory(OutboundTargetProvider.class, ScimTargetProviderFactory.ID);
    }

    /** the list's columns */
    @Override
    public Map<String, Object> getTypeMetadata() {
        return Map.of("displayFields", List.of(NAME, ScimTargetConfig.BASE_URL, TargetSettings.ENABLED));
    }

    @Override
    public String getHelpText() {
        return ScimTargetProviderFactory.HELP_TEXT;
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
        return ScimTargetProviderFactory.ID;
    }
}
