package io.github.kcprovisioning.sync.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * Labels and help texts of the scim-target and of its admin-console page are message keys, and so are the page's
 * title (its id) and description: each must have an English text in the themes bundle.
 */
class ConfigPropertyMessagesTest {

    private static final Path ENGLISH = Path.of("..", "themes", "src", "main", "resources", "theme-resources", "messages",
            "messages_en.properties");

    @Test
    void everyLabelHelpTextAndPageTitleHasAnEnglishMessage() throws Exception {
        Properties english = new Properties();
        try (Reader reader = Files.newBufferedReader(ENGLISH, StandardCharsets.UTF_8)) {
            english.load(reader);
        }
        ScimTargetPageFactory page = new ScimTargetPageFactory();
        List<ProviderConfigProperty> properties = new ArrayList<>(page.getConfigProperties());
        properties.addAll(new ScimTargetProviderFactory().getConfigProperties());
        List<String> keys = new ArrayList<>(properties.stream().flatMap(p -> Stream.of(p.getLabel(), p.getHelpText())).toList());
        keys.addAll(List.of(page.getId(), page.getHelpText(), new ScimTargetProviderFactory().getHelpText()));
        assertEquals(List.of(), keys.stream().filter(key -> !english.containsKey(key)).toList());
    }

    @Test
    void thePageShowsEveryFieldOfTheTargetAfterItsName() {
        List<String> page = new ScimTargetPageFactory().getConfigProperties().stream().map(ProviderConfigProperty::getName).toList();
        List<String> target = new ScimTargetProviderFactory().getConfigProperties().stream().map(ProviderConfigProperty::getName).toList();
        assertEquals(ScimTargetPageFactory.NAME, page.get(0));
        assertEquals(target, page.subList(1, page.size()));
    }
}
