package io.github.kcprovisioning.sync.target;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** Our own SPI so that target kinds other than SCIM can follow ({@code scim-target} is the first). */
public class OutboundTargetSpi implements Spi {

    public static final String NAME = "provisioning-outbound-target";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return OutboundTargetProvider.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return OutboundTargetProviderFactory.class;
    }
}
