package io.github.kcprovisioning.jit.expiry;

import java.time.Duration;
import java.util.Map;
import org.keycloak.models.IdentityProviderMapperModel;

/** One {@code jit-account-expiry} mapper's configuration: after how many days without a login, and what to do. */
record ExpiryPolicy(String idpAlias, Duration inactivity, ExpiryAction action) {
    static final String INACTIVE_DAYS = "inactiveDays";
    static final String ACTION = "action";

    static ExpiryPolicy of(IdentityProviderMapperModel mapper) {
        Map<String, String> config = mapper.getConfig();
        return new ExpiryPolicy(mapper.getIdentityProviderAlias(), Duration.ofDays(parseDays(config.get(INACTIVE_DAYS))),
                ExpiryAction.fromConfig(config.get(ACTION)));
    }

    /** Whole days, at least 1; a missing or broken value is an error, never "expire everyone now". */
    static long parseDays(String value) {
        try {
            long days = Long.parseLong(value == null ? "" : value.trim());
            if (days < 1) {
                throw new IllegalArgumentException("'Inactive days' must be at least 1, not " + days);
            }
            return days;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'Inactive days' must be a whole number of days, not '" + value + "'");
        }
    }
}
