package io.github.kcprovisioning.jit.expiry;

import java.time.Instant;
import org.keycloak.models.UserModel;

/**
 * When a user last signed in through an identity provider, kept as a user attribute {@code kcprov.jit.lastLogin.<alias>}
 * (exported with the realm). The value is epoch milliseconds zero-padded to 13 digits, so that the database can compare
 * it as a string ({@code value < cutoff}) without loading users.
 */
public final class BrokerLoginClock {
    static final String LAST_LOGIN_PREFIX = "kcprov.jit.lastLogin.";

    private BrokerLoginClock() {
    }

    static String attribute(String idpAlias) {
        return LAST_LOGIN_PREFIX + idpAlias;
    }

    static String encode(Instant instant) {
        return String.format("%013d", instant.toEpochMilli());
    }

    static void recordLogin(UserModel user, String idpAlias, Instant now) {
        user.setSingleAttribute(attribute(idpAlias), encode(now));
    }
}
