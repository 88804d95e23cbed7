package io.github.kcprovisioning.it.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The Debian {@code chromium} driven through the Debian {@code chromedriver}, headless, with a fresh profile per instance.
 * Both paths are set explicitly so that Selenium Manager never tries to download a browser or a driver; when they are
 * missing the test fails with the install command instead of being skipped (CI installs them).
 */
public final class HeadlessChromium implements AutoCloseable {

    /** Overridable with {@code -Dchromium.binary=...} / {@code -Dchromium.driver=...}. */
    public static final String BINARY = System.getProperty("chromium.binary", "/usr/bin/chromium");
    public static final String DRIVER = System.getProperty("chromium.driver", "/usr/bin/chromedriver");
    static final String INSTALL_HINT = "apt-get update && apt-get install -y chromium chromium-driver";

    private static final List<String> FLAGS = List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts a browser whose UI language is {@code language} (e.g. {@code en-US}), so pages negotiate it like a user's would. */
    public static HeadlessChromium start(String language) {
        requireExecutable(BINARY, "Chromium");
        requireExecutable(DRIVER, "ChromeDriver");
        Path profile = createProfileDir();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY);
        options.addArguments(FLAGS);
        options.addArguments("--user-data-dir=" + profile, "--lang=" + language);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(DRIVER).toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1440, 1000));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new HeadlessChromium(driver, profile);
    }

    public static HeadlessChromium start() {
        return start("en-US");
    }

    public ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteRecursively(profile);
        }
    }

    private static void requireExecutable(String path, String what) {
        if (!Files.isExecutable(Path.of(path))) {
            throw new IllegalStateException(what + " not found at " + path + ": the admin-console browser tests need the Debian packages."
                    + " Install them with: " + INSTALL_HINT);
        }
    }

    private static Path createProfileDir() {
        try {
            return Files.createTempDirectory("kc-it-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a Chromium profile directory", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp profile is harmless
        }
    }
}
