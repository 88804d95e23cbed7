package io.github.kcprovisioning.it.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's "Add identity provider mapper" form. Fields of the mapper's {@code ProviderConfigProperty} list are found by
 * the property name: the console renders each as a form group whose label points at {@code config.<name>} (dots turned into
 * the console's 🍺 escape) or, for lists and switches, at the bare name.
 */
public final class MapperForm {

    private static final By POPOVER_BODY = By.cssSelector(".pf-v5-c-popover__body");

    private final WebDriver driver;
    private final WebDriverWait wait;

    MapperForm(WebDriver driver, WebDriverWait wait) {
        this.driver = driver;
        this.wait = wait;
    }

    void chooseMapperType(String mapperTypeId) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id("identityProviderMapper"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid='" + mapperTypeId + "']"))).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[data-testid='" + mapperTypeId + "']")));
    }

    public MapperForm name(String name) {
        type(driver.findElement(By.id("name")), name);
        return this;
    }

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

    /** Replaces the text of a String property. */
    public MapperForm text(String property, String value) {
        type(group(property).findElement(By.cssSelector("input[data-testid='" + property + "']")), value);
        return this;
    }

    /** Picks an option of a List property. */
    public MapperForm option(String property, String option) {
        group(property).findElement(By.id(property)).click();
        wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//*[@role='option' or contains(@class,'pf-v5-c-menu__item')][normalize-space()='" + option + "']"))).click();
        return this;
    }

    /** Sets a boolean property's switch. */
    public MapperForm toggle(String property, boolean on) {
        WebElement input = group(property).findElement(By.id(property));
        if (input.isSelected() != on) {
            group(property).findElement(By.cssSelector("label.pf-v5-c-switch")).click();
        }
        return this;
    }

    /** Saves a new mapper and waits until the console shows it (it navigates to the mapper's own page). */
    public void save() {
        driver.findElement(By.cssSelector("[data-testid='new-mapper-save-button']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".pf-v5-c-alert.pf-m-success")));
    }

    private WebElement group(String property) {
        String escaped = "config." + property.replace(".", "\uD83C\uDF7A");
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//label[@for='" + property + "' or @for='" + escaped
                + "']/ancestor::div[contains(concat(' ', @class, ' '), ' pf-v5-c-form__group ')][1]")));
    }

    private static void type(WebElement input, String value) {
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(value);
    }
}
