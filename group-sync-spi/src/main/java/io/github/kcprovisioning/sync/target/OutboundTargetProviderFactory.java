package io.github.kcprovisioning.sync.target;

import org.keycloak.component.ComponentFactory;

/** Factory of a kind of outbound target; each configured target is a realm component of this provider type. */
public interface OutboundTargetProviderFactory extends ComponentFactory<OutboundTargetProvider, OutboundTargetProvider> {
}
