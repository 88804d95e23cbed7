package io.github.kcprovisioning.it.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServerSettingsTest {

    @Test
    void featuresOfTheSuiteAndOfTheCallerAreMergedIntoOneOption() {
        assertEquals(List.of("--a=1", "--b", "--features=declarative-ui,scim-api"),
                ServerSettings.splitArgs(" --a=1 --features=declarative-ui  --b --features=scim-api "));
    }

    @Test
    void argumentsWithoutFeaturesStayAsTheyAre() {
        assertEquals(List.of("--a=1", "--b"), ServerSettings.splitArgs("--a=1 --b "));
        assertEquals(List.of(), ServerSettings.splitArgs(" "));
    }
}
