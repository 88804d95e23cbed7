package io.github.kcprovisioning.sync.target;

import java.time.Duration;
import java.util.List;

import org.keycloak.component.ComponentModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** Settings every target kind has: how the drainer treats it. */
public record TargetSettings(boolean enabled, int maxAttempts, Duration maxAge, Duration backoffBase, Duration backoffCap,
                             int maxInFlight, String echoClientId) {

    public static final String ENABLED = "enabled";
    public static final String MAX_ATTEMPTS = "maxAttempts";
    public static final String MAX_AGE_MINUTES = "maxAgeMinutes";
    public static final String BACKOFF_BASE_MS = "backoffBaseMillis";
    public static final String BACKOFF_CAP_MS = "backoffCapMillis";
    public static final String MAX_IN_FLIGHT = "maxInFlight";
    public static final String ECHO_CLIENT = "echoClientId";

    public static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name(ENABLED).label("Enabled").type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true")
            .helpText("When off, changes are still queued but not delivered until the target is enabled again.").add()
            .property().name(MAX_ATTEMPTS).label("Max attempts").type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("10")
            .helpText("After this many failed deliveries a change becomes a dead letter (visible to admins, replayable).").add()
            .property().name(MAX_AGE_MINUTES).label("Max age (minutes)").type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("1440")
            .helpText("A change still failing this long after it was made becomes a dead letter.").add()
            .property().name(BACKOFF_BASE_MS).label("Retry backoff base (ms)").type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("1000")
            .helpText("First retry delay; doubles with each attempt (with random jitter) up to the cap.").add()
            .property().name(BACKOFF_CAP_MS).label("Retry backoff cap (ms)").type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("300000")
            .helpText("Longest delay between two attempts, also the longest Retry-After honoured.").add()
            .property().name(MAX_IN_FLIGHT).label("Max in-flight requests").type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("4")
            .helpText("How many changes (of different users/groups) are sent to this target at the same time per Keycloak node.").add()
            .property().name(ECHO_CLIENT).label("Linked SCIM client").type(ProviderConfigProperty.STRING_TYPE)
            .helpText("Client id of the SCIM client that represents this same system on our SCIM endpoint. Changes it makes "
                    + "are not sent back to it (echo suppression). Leave empty if the target does not push to us.").add()
            .build();

    public static TargetSettings of(ComponentModel model) {
        return new TargetSettings(
                !"false".equalsIgnoreCase(model.get(ENABLED)),
                positive(model, MAX_ATTEMPTS, 10),
                Duration.ofMinutes(positive(model, MAX_AGE_MINUTES, 1440)),
                Duration.ofMillis(positive(model, BACKOFF_BASE_MS, 1000)),
                Duration.ofMillis(positive(model, BACKOFF_CAP_MS, 300_000)),
                positive(model, MAX_IN_FLIGHT, 4),
                blankToNull(model.get(ECHO_CLIENT)));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static int positive(ComponentModel model, String key, int fallback) {
        String value = model.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        int parsed = Integer.parseInt(value.trim());
        if (parsed <= 0) {
            throw new IllegalArgumentException(key + " must be positive, got " + parsed);
        }
        return parsed;
    }
}
