package io.github.kcprovisioning.it.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.kcprovisioning.it.harness.BrokerFixture;
import io.github.kcprovisioning.it.harness.BrowserSession;
import io.github.kcprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.harness.LoginResult;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * The page a user sees when the JIT group gate refuses the login is in the realm's language, with our translation
 * from the themes JAR (Keycloak renders it with MessageFormat, so the text must arrive intact).
 */
@KeycloakIntegrationTest
class JitLoginMessagesIT {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"de", "fr", "en"})
    void gateDenialPageIsInTheRealmLanguage(String locale, KeycloakServer kc) {
        BrokerFixture broker = BrokerFixture.oidc(kc);
        speak(broker.brokerRealmResource(), locale);
        IdentityProviderMapperRepresentation gate = new IdentityProviderMapperRepresentation();
        gate.setName("gate");
        gate.setIdentityProviderMapper("jit-external-groups");
        gate.setConfig(Map.of("root.group", "/external/upstream", "gate.groups", "staff"));
        broker.addMapper(gate);
        broker.createUpstreamUser("outsider", "Passw0rd-1", "outsider@example.org", "Out", "Sider");

        LoginResult result = new BrowserSession(kc).brokeredLogin(broker, "outsider", "Passw0rd-1");

        assertFalse(result.succeeded(), "a user in none of the gate's groups must be refused");
        assertEquals(Optional.of(ThemeMessages.load(locale).getProperty("jitAccessDenied")), result.errorMessage());
    }

    /** Internationalization on, the locale as the only default: the login pages of a user without preferences use it. */
    private static void speak(RealmResource realm, String locale) {
        RealmRepresentation settings = realm.toRepresentation();
        settings.setInternationalizationEnabled(true);
        settings.setSupportedLocales(Set.of("en", "de", "fr"));
        settings.setDefaultLocale(locale);
        realm.update(settings);
    }
}
