package io.github.kcprovisioning.jit;

import io.github.kcprovisioning.jit.attributes.UserAttributesMapper;
import io.github.kcprovisioning.jit.expiry.AccountExpiryMapper;
import io.github.kcprovisioning.jit.groups.ExternalGroupsMapper;
import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Labels and help texts of the mappers are message keys: each must have an English text in the themes bundle. */
class ConfigPropertyMessagesTest {

    private static final Path ENGLISH = Path.of("..", "themes", "src", "main", "resources", "theme-resources", "messages",
            "messages_en.properties");

    @Test
    void everyLabelAndHelpTextHasAnEnglishMessage() throws Exception {
        Properties english = new Properties();
        try (Reader reader = Files.newBufferedReader(ENGLISH, StandardCharsets.UTF_8)) {
            english.load(reader);
        }
        List<ProviderConfigProperty> properties = new ArrayList<>(new ExternalGroupsMapper().getConfigProperties());
        properties.addAll(new UserAttributesMapper().getConfigProperties());
        properties.addAll(new AccountExpiryMapper().getConfigProperties());
        List<String> missing = properties.stream()
                .flatMap(p -> Stream.of(p.getLabel(), p.getHelpText()))
                .filter(key -> !english.containsKey(key))
                .toList();
        assertEquals(List.of(), missing);
    }
}
