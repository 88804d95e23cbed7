package io.github.kcprovisioning.jit.expiry;

import java.util.Arrays;
import java.util.List;

/** What the sweep does to an account that has not signed in through the identity provider for too long. */
enum ExpiryAction {
    DISABLE, DELETE;

    static List<String> configValues() {
        return Arrays.stream(values()).map(a -> a.name().toLowerCase()).toList();
    }

    static ExpiryAction fromConfig(String value) {
        return value == null || value.isBlank() ? DISABLE : valueOf(value.trim().toUpperCase());
    }
}
