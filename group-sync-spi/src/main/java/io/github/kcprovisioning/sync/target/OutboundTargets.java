package io.github.kcprovisioning.sync.target;

import java.util.Set;
import java.util.stream.Stream;

import io.github.kcprovisioning.sync.scim.ScimTargetProviderFactory;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.RealmModel;
import org.keycloak.services.ui.extend.UiPageProvider;

/**
 * The outbound targets configured in a realm (served from the realm cache): realm components of our provider type
 * (admin REST API, realm import) and the entries of a target kind's admin-console page, which Keycloak stores as
 * components of its {@code UiPageProvider} type with the target kind as provider id. Either way the provider id names
 * the kind, and the drainer creates the target from it.
 */
public final class OutboundTargets {

    private static final String TYPE = OutboundTargetProvider.class.getName();
    private static final String PAGE_TYPE = UiPageProvider.class.getName();
    /** target kinds that have an admin-console page (its page factory's id is the kind) */
    private static final Set<String> KINDS_WITH_PAGE = Set.of(ScimTargetProviderFactory.ID);

    private OutboundTargets() {
    }

    public static Stream<ComponentModel> of(RealmModel realm) {
        return Stream.concat(realm.getComponentsStream(realm.getId(), TYPE),
                realm.getComponentsStream(realm.getId(), PAGE_TYPE).filter(OutboundTargets::isTarget));
    }

    public static boolean isTarget(ComponentModel model) {
        return TYPE.equals(model.getProviderType())
                || PAGE_TYPE.equals(model.getProviderType()) && KINDS_WITH_PAGE.contains(model.getProviderId());
    }
}
