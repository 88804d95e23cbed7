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

    /** labels and help texts are message keys of the themes bundles */
    public static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name(ENABLED).label("outboundEnabled").helpText("outboundEnabledHelp")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
            .property().name(MAX_ATTEMPTS).label("outboundMaxAttempts").helpText("outboundMaxAttemptsHelp")
            .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("10").add()
            .property().name(MAX_AGE_MINUTES).label("outboundMaxAge").helpText("outboundMaxAgeHelp")
            .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("1440").add()
            .property().name(BACKOFF_BASE_MS).label("outboundBackoffBase").helpText("outboundBackoffBaseHelp")
            .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("1000").add()
            .property().name(BACKOFF_CAP_MS).label("outboundBackoffCap").helpText("outboundBackoffCapHelp")
            .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("300000").add()
            .property().name(MAX_IN_FLIGHT).label("outboundMaxInFlight").helpText("outboundMaxInFlightHelp")
            .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("4").add()
            .property().name(ECHO_CLIENT).label("outboundEchoClient").helpText("outboundEchoClientHelp")
            .type(ProviderConfigProperty.STRING_TYPE).add()
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
