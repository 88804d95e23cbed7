package io.github.kcprovisioning.it.ui;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kcprovisioning.it.browser.HeadlessChromium;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Without the Debian packages the browser tests fail (never skip) and say how to install them. */
class HeadlessChromiumTest {

    @Test
    void missingChromiumFailsWithTheInstallCommand() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> HeadlessChromium.start(Path.of("/nonexistent/chromium"), Path.of("/usr/bin/chromedriver"), "en-US"));
        assertTrue(e.getMessage().contains("/nonexistent/chromium"), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install -y chromium chromium-driver"), e.getMessage());
    }

    @Test
    void missingChromeDriverFailsWithTheInstallCommand() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> HeadlessChromium.start(Path.of("/bin/sh"), Path.of("/nonexistent/chromedriver"), "en-US"));
        assertTrue(e.getMessage().startsWith("ChromeDriver not found at /nonexistent/chromedriver"), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install -y chromium chromium-driver"), e.getMessage());
    }
}
