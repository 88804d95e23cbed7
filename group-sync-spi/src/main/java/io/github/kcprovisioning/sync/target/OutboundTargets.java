package io.github.kcprovisioning.sync.target;

import java.util.stream.Stream;

import org.keycloak.component.ComponentModel;
import org.keycloak.models.RealmModel;

/** The outbound targets configured in a realm (realm components of our provider type; served from the realm cache). */
public final class OutboundTargets {

    private OutboundTargets() {
    }

    public static Stream<ComponentModel> of(RealmModel realm) {
        return realm.getComponentsStream(realm.getId(), OutboundTargetProvider.class.getName());
    }

    public static boolean isTarget(ComponentModel model) {
        return OutboundTargetProvider.class.getName().equals(model.getProviderType());
    }
}
