package io.github.kcprovisioning.it.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/**
 * Numbered PNGs of one scenario under {@code <kc.it.screenshots>/<scenario>/} (failsafe sets it to
 * {@code it-tests/target/screenshots}). They are build output; the few the README shows are copied to {@code docs/screenshots/}.
 */
public final class Screenshots {

    private final WebDriver driver;
    private final Path directory;
    private int counter;

    public Screenshots(WebDriver driver, String scenario) {
        this.driver = driver;
        this.directory = Path.of(System.getProperty("kc.it.screenshots", "target/screenshots")).resolve(scenario);
    }

    /** Saves the current viewport as {@code NN-name.png} and returns the file. */
    public Path take(String name) {
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(String.format("%02d-%s.png", ++counter, name));
            Path png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.move(png, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save screenshot " + name + " under " + directory, e);
        }
    }
}
