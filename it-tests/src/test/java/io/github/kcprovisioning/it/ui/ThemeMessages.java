package io.github.kcprovisioning.it.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** Our bundles as the themes JAR ships them (it is on the test classpath): the expected texts of the UI tests. */
final class ThemeMessages {

    private ThemeMessages() {
    }

    static Properties load(String locale) {
        String resource = "/theme-resources/messages/messages_" + locale + ".properties";
        try (InputStream in = ThemeMessages.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath (themes JAR)");
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
