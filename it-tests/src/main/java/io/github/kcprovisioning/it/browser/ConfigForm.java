package io.github.kcprovisioning.it.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A console form rendered from a {@code ProviderConfigProperty} list (mapper forms, declarative pages). Fields are found
 * by the property name: the console renders each as a form group whose label points at {@code config.<name>} (dots turned
 * into the console's 🍺 escape) or, for lists and switches, at the bare name.
 *
 * @param <F> the concrete form, returned by the fluent setters
 */
public abstract class ConfigForm<F extends ConfigForm<F>> {

    private static final By POPOVER_BODY = By.cssSelector(".pf-v5-c-popover__body");
    static final By SUCCESS_ALERT = By.cssSelector(".pf-v5-c-alert.pf-m-success");

    protected final WebDriver driver;
    protected final WebDriverWait wait;

    ConfigForm(WebDriver driver, WebDriverWait wait) {
        this.driver = driver;
        this.wait = wait;
    }

    protected abstract F self();

    /** The label the console shows for a config property. */
    public String label(String property) {
        return group(property).findElement(By.cssSelector(".pf-v5-c-form__label-text")).getText().trim();
    }

    /** Opens the property's help popover, returns its text and leaves it open (for a screenshot); {@link #closeHelp} closes it. */
    public String openHelp(String property) {
        group(property).findElement(By.cssSelector(".pf-v5-c-form__group-label-help")).click();
        return wait.until(ExpectedConditions.visibilityOfElementLocated(POPOVER_BODY)).getText().trim();
    }

    public void closeHelp() {
        driver.findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
        wait.until(ExpectedConditions.invisibilityOfElementLocated(POPOVER_BODY));
    }

    /** Replaces the text of a String (input), Password or Text (text area) property. */
    public F text(String property, String value) {
        String testId = "[data-testid='" + property + "']";
        String passwordId = "[data-testid='config." + property + "']";
        type(group(property).findElement(By.cssSelector("input" + testId + ", textarea" + testId + ", input" + passwordId)), value);
        return self();
    }

    /**
     * Fills a MultivaluedString property, one value per line: the console shows one input per value and adds the next
     * line with its "add" button.
     */
    public F lines(String property, String... values) {
        String field = "config." + property.replace(".", "\uD83C\uDF7A");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                group(property).findElement(By.cssSelector("[data-testid='" + field + "-addValue']")).click();
            }
            type(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[data-testid='" + field + i + "']"))),
                    values[i]);
        }
        return self();
    }

    /** The current text of a String or Integer property's input. */
    public String value(String property) {
        String testId = "[data-testid='" + property + "']";
        return group(property).findElement(By.cssSelector("input" + testId)).getDomProperty("value");
    }

    /** Picks an option of a List property. */
    public F option(String property, String option) {
        group(property).findElement(By.id(property)).click();
        wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//*[@role='option' or contains(@class,'pf-v5-c-menu__item')][normalize-space()='" + option + "']"))).click();
        return self();
    }

    /** Sets a boolean property's switch. */
    public F toggle(String property, boolean on) {
        WebElement input = group(property).findElement(By.id(property));
        if (input.isSelected() != on) {
            group(property).findElement(By.cssSelector("label.pf-v5-c-switch")).click();
        }
        return self();
    }

    private WebElement group(String property) {
        String escaped = "config." + property.replace(".", "\uD83C\uDF7A");
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//label[@for='" + property + "' or @for='" + escaped
                + "']/ancestor::div[contains(concat(' ', @class, ' '), ' pf-v5-c-form__group ')][1]")));
    }

    static void type(WebElement input, String value) {
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(value);
    }
}
