package io.github.kcprovisioning.it.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kcprovisioning.it.browser.HeadlessChromium;
import io.github.kcprovisioning.it.browser.Screenshots;
import io.github.kcprovisioning.it.harness.BrokerFixture;
import io.github.kcprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person whose browser speaks German is refused by the JIT group gate: the error page is German although the realm's
 * default language is English, because Keycloak negotiates the browser's language and finds our translation.
 */
@KeycloakIntegrationTest
class JitDeniedPageBrowserIT {

    @Test
    void gateDenialPageFollowsTheBrowserLanguage(KeycloakServer kc) {
        BrokerFixture broker = BrokerFixture.oidc(kc);
        offerGermanBesideEnglish(broker.brokerRealmResource());
        IdentityProviderMapperRepresentation gate = new IdentityProviderMapperRepresentation();
        gate.setName("gate");
        gate.setIdentityProviderMapper("jit-external-groups");
        gate.setConfig(Map.of("root.group", "/external/upstream", "gate.groups", "staff"));
        broker.addMapper(gate);
        broker.createUpstreamUser("aussenstehend", "Passw0rd-1", "aussen@example.org", "Außen", "Stehend");

        try (HeadlessChromium browser = HeadlessChromium.start(Path.of(HeadlessChromium.BINARY), Path.of(HeadlessChromium.DRIVER), "de-DE")) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            Screenshots screenshots = new Screenshots(driver, "jit-login-denied-german");
            driver.get(kc.realmUrl(broker.brokerRealm()) + "/protocol/openid-connect/auth?response_type=code&scope=openid"
                    + "&client_id=" + broker.appClientId() + "&redirect_uri=" + encode(BrokerFixture.APP_REDIRECT_URI)
                    + "&kc_idp_hint=" + broker.idpAlias());
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("aussenstehend");
            driver.findElement(By.id("password")).sendKeys("Passw0rd-1");
            driver.findElement(By.id("kc-login")).click();

            String expected = ThemeMessages.load("de").getProperty("jitAccessDenied");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), expected));
            screenshots.take("access-denied");
            assertTrue(driver.getCurrentUrl().startsWith(kc.realmUrl(broker.brokerRealm())),
                    "the refusal is shown by the brokering realm, not the app: " + driver.getCurrentUrl());
        }
    }

    private static void offerGermanBesideEnglish(RealmResource realm) {
        RealmRepresentation settings = realm.toRepresentation();
        settings.setInternationalizationEnabled(true);
        settings.setSupportedLocales(Set.of("en", "de"));
        settings.setDefaultLocale("en");
        realm.update(settings);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
