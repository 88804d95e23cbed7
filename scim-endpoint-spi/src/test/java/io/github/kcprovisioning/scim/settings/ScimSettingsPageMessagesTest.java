package io.github.kcprovisioning.scim.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * The page's title (its id), description, labels, help texts and refusal reasons are message keys with an English text
 * in the themes bundle, and the English the server log uses for a refusal is that same text.
 */
class ScimSettingsPageMessagesTest {

    private static final Path ENGLISH = Path.of("..", "themes", "src", "main", "resources", "theme-resources", "messages",
            "messages_en.properties");
    private static final Properties english = new Properties();

    @BeforeAll
    static void load() throws Exception {
        try (Reader reader = Files.newBufferedReader(ENGLISH, StandardCharsets.UTF_8)) {
            english.load(reader);
        }
    }

    @Test
    void everyKeyOfThePageHasAnEnglishMessage() {
        ScimSettingsPageFactory page = new ScimSettingsPageFactory();
        List<String> keys = new ArrayList<>(page.getConfigProperties().stream()
                .flatMap(p -> Stream.of(p.getLabel(), p.getHelpText())).toList());
        keys.addAll(List.of(page.getId(), page.getHelpText(), ScimSettingsPageFactory.DUPLICATE));
        Arrays.stream(InvalidSettingException.Problem.values()).map(InvalidSettingException.Problem::messageKey).forEach(keys::add);
        assertEquals(List.of(), keys.stream().filter(key -> !english.containsKey(key)).toList());
    }

    @Test
    void theLogSaysInEnglishWhatTheConsoleSays() {
        for (InvalidSettingException.Problem problem : InvalidSettingException.Problem.values()) {
            assertEquals(english.getProperty(problem.messageKey()), problem.english(), problem.name());
        }
        assertEquals(english.getProperty(ScimSettingsPageFactory.DUPLICATE), ScimSettingsPageFactory.DUPLICATE_ENGLISH);
    }

    @Test
    void thePageShowsANameThenEverySetting() {
        List<String> fields = new ScimSettingsPageFactory().getConfigProperties().stream().map(ProviderConfigProperty::getName).toList();
        List<String> settings = Arrays.stream(ScimSetting.values()).map(ScimSetting::key).toList();
        assertEquals(ScimSettingsPageFactory.NAME, fields.get(0));
        assertEquals(settings, fields.subList(1, fields.size()));
    }
}
