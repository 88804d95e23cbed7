package io.github.kcprovisioning.scim.settings;

import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import io.github.kcprovisioning.scim.ScimSettings;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.ui.extend.UiPageProvider;

/**
 * The SCIM endpoint's settings in effect for one realm: the realm's {@code scim-endpoint-settings} component (an entry of
 * the admin-console page {@link ScimSettingsPageFactory}, read through the realm model, so Keycloak's realm cache serves
 * it) over the server defaults. A realm without such a component gets the server defaults. A component that cannot be
 * used (a required role deleted since it was saved, server defaults changed so that its values no longer fit, two
 * components written around the page's checks) switches SCIM off for the realm, with a warning in the log; it never
 * falls back to the server defaults.
 *
 * @param enabled     the realm's switch ({@code enabled}; on without a component)
 * @param settings    the effective settings; {@code null} when the component cannot be used
 * @param fromRealm   the settings the realm sets itself, the others are server defaults
 * @param componentId the realm's component, {@code null} without one
 * @param problem     why the component cannot be used (English, names the setting's key), {@code null} when it can
 * @param requiredRole the role SCIM clients need as configured, also when the component cannot be used (to list the
 *                    clients whose static tokens can be managed)
 */
public record RealmScimSettings(boolean enabled, ScimSettings settings, Set<ScimSetting> fromRealm, String componentId,
                                String problem, String requiredRole) {

    private static final Logger LOG = Logger.getLogger(RealmScimSettings.class);
    private static final String PAGE_TYPE = UiPageProvider.class.getName();
    /** the problem last logged per realm id, so that a broken configuration is logged once, not on every request */
    private static final Map<String, String> LOGGED = new ConcurrentHashMap<>();
    /** the realm's values worked out once per component config, not again on every SCIM request */
    private static final AppliedOverridesCache APPLIED = new AppliedOverridesCache();

    public static RealmScimSettings of(RealmModel realm, ServerSettings server) {
        return of(realm, server, role -> KeycloakModelUtils.getRoleFromString(realm, role) != null);
    }

    /** @param roleExists whether the realm has a role of that name ({@code role} or {@code clientId.role}) */
    static RealmScimSettings of(RealmModel realm, ServerSettings server, Predicate<String> roleExists) {
        List<ComponentModel> components = components(realm).toList();
        if (components.isEmpty()) {
            LOGGED.remove(realm.getId());
            return new RealmScimSettings(true, server.defaults(), Set.of(), null, null, server.defaults().requiredRole());
        }
        if (components.size() > 1) {
            String ids = components.stream().map(ComponentModel::getId).collect(Collectors.joining(", "));
            return unusable(realm, true, null, "more than one scim-endpoint-settings component (" + ids + "); delete all but one",
                    server.defaults().requiredRole());
        }
        ComponentModel component = components.get(0);
        String configuredRole = component.get(ScimSetting.REQUIRED_ROLE.key());
        String requiredRole = configuredRole == null || configuredRole.isBlank() ? server.defaults().requiredRole() : configuredRole.trim();
        boolean enabled = true;
        try {
            enabled = RealmOverrides.enabled(component.getConfig());
            RealmOverrides.requireRole(component.getConfig(), roleExists);
            RealmOverrides.Applied applied = APPLIED.apply(realm.getId(), component, server);
            LOGGED.remove(realm.getId());
            return new RealmScimSettings(enabled, applied.settings(), applied.fromRealm(), component.getId(), null, requiredRole);
        } catch (InvalidSettingException e) {
            return unusable(realm, enabled, component.getId(), e.getMessage(), requiredRole);
        }
    }

    /** the entries of the page in this realm: at most one, unless written around the page's validation */
    static Stream<ComponentModel> components(RealmModel realm) {
        return realm.getComponentsStream(realm.getId(), PAGE_TYPE)
                .filter(component -> ScimSettingsPageFactory.ID.equals(component.getProviderId()));
    }

    private static RealmScimSettings unusable(RealmModel realm, boolean enabled, String componentId, String problem, String requiredRole) {
        if (!problem.equals(LOGGED.put(realm.getId(), problem))) {
            LOG.warnf("SCIM is off for realm '%s': its SCIM endpoint settings%s cannot be used: %s",
                    realm.getName(), componentId == null ? "" : " (component " + componentId + ")", problem);
        }
        return new RealmScimSettings(enabled, null, Set.of(), componentId, problem, requiredRole);
    }

    /** whether the realm's SCIM endpoint answers requests */
    public boolean serving() {
        return enabled && problem == null;
    }

    /** the error a SCIM request gets when the endpoint is not {@link #serving()}: 404 when switched off, else 503 */
    public ScimException unavailable() {
        if (!enabled) {
            return new ResourceNotFoundException("SCIM is disabled for this realm");
        }
        return new ScimException(503, null,
                "SCIM is off for this realm: its SCIM endpoint settings cannot be used (see the server log)");
    }
}
