package io.github.kcprovisioning.it.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kcprovisioning.it.harness.BrokerFixture;
import io.github.kcprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.harness.RealmFixtures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.keycloak.representations.idm.ConfigPropertyRepresentation;
import org.keycloak.representations.idm.IdentityProviderMapperTypeRepresentation;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Keycloak loads our bundles from the themes JAR ({@code theme-resources/messages}) and merges them into the messages of
 * every theme: the admin console fetches them from {@code /resources/<realm>/admin/<locale>}, the login pages from the
 * login theme. Each of our keys must come back with our text in that language.
 */
@KeycloakIntegrationTest
class ThemeMessagesIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "admin console, {0}")
    @CsvSource({"de, Gruppen-Claim", "fr, Claim des groupes", "en, Groups claim"})
    void adminConsoleMessagesOfMasterContainOurBundle(String locale, String groupsClaimLabel, KeycloakServer kc) throws Exception {
        Map<String, String> served = messages(kc, "master", "admin", locale);

        assertEquals(groupsClaimLabel, served.get("jitGroupsClaim"));
        assertBundleServed(locale, served);
    }

    @ParameterizedTest(name = "login theme, {0}")
    @CsvSource({"de, 'Sie sind in keiner Gruppe, die sich hier anmelden darf.'", "fr, Vous n’êtes membre d’aucun groupe autorisé"})
    void loginThemeMessagesOfAnyRealmContainOurJitMessages(String locale, String accessDeniedStart, KeycloakServer kc) throws Exception {
        String realm = RealmFixtures.createRealm(kc, "i18n-login");
        Map<String, String> served = messages(kc, realm, "login", locale);

        assertTrue(served.getOrDefault("jitAccessDenied", "").startsWith(accessDeniedStart), "jitAccessDenied: " + served.get("jitAccessDenied"));
        assertBundleServed(locale, served);
    }

    /**
     * Every label and help text our mappers declare is covered by the bundles: either it is a message key (what the console
     * translates) or, while a mapper still declares English literals, it is the English text of one of our keys. A new
     * property without bundle entries fails here.
     */
    @Test
    void everyLabelAndHelpTextOfOurMappersIsInTheBundles(KeycloakServer kc) {
        BrokerFixture broker = BrokerFixture.oidc(kc);
        Properties english = ThemeMessages.load("en");
        Map<String, IdentityProviderMapperTypeRepresentation> types = broker.brokerRealmResource().identityProviders()
                .get(broker.idpAlias()).getMapperTypes();
        List<String> ours = types.keySet().stream().filter(id -> id.startsWith("jit-")).sorted().toList();
        assertTrue(ours.containsAll(List.of("jit-account-expiry", "jit-external-groups", "jit-user-attributes")), "ours: " + ours);
        for (String type : ours) {
            for (ConfigPropertyRepresentation property : types.get(type).getProperties()) {
                assertCovered(english, type + " " + property.getName() + " label", property.getLabel());
                assertCovered(english, type + " " + property.getName() + " help text", property.getHelpText());
            }
        }
    }

    private static void assertCovered(Properties english, String what, String text) {
        assertTrue(english.containsKey(text) || english.containsValue(text), what + " is not in messages_en: " + text);
    }

    private static void assertBundleServed(String locale, Map<String, String> served) {
        Properties bundle = ThemeMessages.load(locale);
        for (String key : bundle.stringPropertyNames()) {
            assertEquals(bundle.getProperty(key), served.get(key), "message " + key + " in " + locale);
        }
    }

    private static Map<String, String> messages(KeycloakServer kc, String realm, String themeType, String locale)
            throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(kc.baseUrl() + "/resources/" + realm + "/" + themeType + "/" + locale)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        Map<String, String> messages = new HashMap<>();
        for (JsonNode entry : JSON.readTree(response.body())) {
            messages.put(entry.get("key").asText(), entry.get("value").asText());
        }
        return messages;
    }
}
