package io.github.kcprovisioning.themes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The translated bundles stay in step with the English one: same keys, same placeholders, nothing MessageFormat would eat. */
class MessageBundlesTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d+}");
    /**
     * Keycloak formats these with MessageFormat, where a lone ' starts a quoted section: every message of the login theme,
     * and the reasons the admin REST API gives for refusing a component (the SCIM endpoint settings).
     */
    private static final List<String> MESSAGE_FORMAT_KEYS = List.of("jitAccessDenied", "jitGroupsClaimMissing", "jitRequiredClaimMissing",
            "jitClaimInvalid", "jitConfigurationError", "scimSettingsOutOfRange", "scimSettingsNotBoolean", "scimSettingsDefaultAboveMax",
            "scimSettingsMappingMalformed", "scimSettingsMappingNotMappable", "scimSettingsRoleMissing", "scimSettingsDuplicate");

    @ParameterizedTest
    @ValueSource(strings = {"de", "fr"})
    void translationHasExactlyTheEnglishKeys(String locale) throws IOException {
        assertEquals(load("en").stringPropertyNames(), load(locale).stringPropertyNames(),
                "messages_" + locale + " must translate every English key and nothing else");
    }

    @ParameterizedTest
    @ValueSource(strings = {"de", "fr"})
    void translationKeepsThePlaceholdersOfEachMessage(String locale) throws IOException {
        Properties english = load("en");
        Properties translated = load(locale);
        for (String key : english.stringPropertyNames()) {
            assertEquals(placeholders(english.getProperty(key)), placeholders(translated.getProperty(key, "")),
                    locale + " " + key + " must use the same {n} parameters as English");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de", "fr"})
    void messageFormatMessagesHaveNoApostropheThatMessageFormatWouldSwallow(String locale) throws IOException {
        Properties bundle = load(locale);
        for (String key : MESSAGE_FORMAT_KEYS) {
            String value = bundle.getProperty(key);
            assertTrue(value != null && !value.isBlank(), locale + " lacks message " + key);
            assertTrue(!value.contains("'"), locale + " " + key + " contains ' (use ’ or '')");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"de", "fr"})
    void translationIsReadAsUtf8(String locale) throws IOException {
        String all = String.join("", load(locale).values().stream().map(Object::toString).toList());
        assertTrue(!all.contains("\uFFFD") && !all.contains("Ã"), "messages_" + locale + " must be UTF-8 (Keycloak reads it so)");
    }

    private static Set<String> placeholders(String message) {
        Matcher m = PLACEHOLDER.matcher(message);
        return m.results().map(r -> r.group()).collect(Collectors.toCollection(TreeSet::new));
    }

    static Properties load(String locale) throws IOException {
        String resource = "/theme-resources/messages/messages_" + locale + ".properties";
        try (InputStream in = MessageBundlesTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is missing from the themes JAR");
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        }
    }
}
