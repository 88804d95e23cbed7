package io.github.kcprovisioning.it.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kcprovisioning.it.browser.AdminConsole;
import io.github.kcprovisioning.it.browser.HeadlessChromium;
import io.github.kcprovisioning.it.browser.MapperForm;
import io.github.kcprovisioning.it.browser.Screenshots;
import io.github.kcprovisioning.it.harness.BrokerFixture;
import io.github.kcprovisioning.it.harness.DistributionProcess;
import io.github.kcprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ConfigPropertyRepresentation;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;

/** An admin adds a {@code jit-external-groups} mapper to an identity provider in the real admin console (headless Chromium). */
@KeycloakIntegrationTest
class JitMapperConsoleIT {

    private static final String MAPPER_TYPE = "jit-external-groups";

    @Test
    void everyFieldShowsItsLabelAndHelpTextFromTheEnglishBundle(KeycloakServer kc) {
        BrokerFixture broker = BrokerFixture.oidc(kc);
        Properties english = ThemeMessages.load("en");
        List<ConfigPropertyRepresentation> fields = broker.brokerRealmResource().identityProviders().get(broker.idpAlias())
                .getMapperTypes().get(MAPPER_TYPE).getProperties();
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            Screenshots screenshots = new Screenshots(browser.driver(), "jit-mapper-labels");
            MapperForm form = openAddMapperForm(kc, browser, broker, screenshots);

            // the mapper declares message keys; the console must show their English texts
            for (ConfigPropertyRepresentation field : fields) {
                assertEquals(english.getProperty(field.getLabel()), form.label(field.getName()), "label of " + field.getName());
                assertEquals(english.getProperty(field.getHelpText()), form.openHelp(field.getName()), "help text of " + field.getName());
                form.closeHelp();
            }
            form.openHelp("root.group");
            screenshots.take("help-text-managed-root-group");
        }
    }

    @Test
    void mapperSavedInTheConsoleExistsWithTheEnteredConfig(KeycloakServer kc) {
        BrokerFixture broker = BrokerFixture.oidc(kc);
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            Screenshots screenshots = new Screenshots(browser.driver(), "jit-mapper-add");
            MapperForm form = openAddMapperForm(kc, browser, broker, screenshots);
            form.name("entra-groups")
                    .text("claim", "groups")
                    .text("root.group", "/external/entra")
                    .option("groups.format", "path")
                    .text("include.regex", "eng.*")
                    .text("max.groups", "50")
                    .toggle("lower.case", true)
                    .option("missing.claim", "deny")
                    .text("gate.groups", "staff\nengineering");
            screenshots.take("filled-in");
            form.save();
            screenshots.take("saved");
        }

        List<IdentityProviderMapperRepresentation> mappers = broker.brokerRealmResource().identityProviders().get(broker.idpAlias())
                .getMappers();
        assertEquals(1, mappers.size(), "mappers of " + broker.idpAlias());
        IdentityProviderMapperRepresentation saved = mappers.get(0);
        assertEquals("entra-groups", saved.getName());
        assertEquals(MAPPER_TYPE, saved.getIdentityProviderMapper());
        Map<String, String> config = saved.getConfig();
        assertEquals("groups", config.get("claim"));
        assertEquals("/external/entra", config.get("root.group"));
        assertEquals("path", config.get("groups.format"));
        assertEquals("eng.*", config.get("include.regex"));
        assertEquals("50", config.get("max.groups"));
        assertEquals("true", config.get("lower.case"));
        assertEquals("deny", config.get("missing.claim"));
        assertEquals("staff\nengineering", config.get("gate.groups"));
    }

    private static MapperForm openAddMapperForm(KeycloakServer kc, HeadlessChromium browser, BrokerFixture broker, Screenshots screenshots) {
        AdminConsole console = AdminConsole.login(browser.driver(), kc.baseUrl(), "master", DistributionProcess.ADMIN_USER,
                DistributionProcess.ADMIN_PASSWORD, screenshots);
        console.openIdentityProviderMappers(broker.brokerRealm(), "keycloak-oidc", broker.idpAlias());
        screenshots.take("identity-provider-mappers");
        MapperForm form = console.addIdentityProviderMapper(MAPPER_TYPE);
        screenshots.take("add-mapper-form");
        return form;
    }
}
