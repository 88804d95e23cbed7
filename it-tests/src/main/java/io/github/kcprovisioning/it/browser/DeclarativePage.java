package io.github.kcprovisioning.it.browser;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A page of Keycloak's declarative admin UI (a {@code UiPageProvider}, feature {@code declarative-ui}): a list of entries
 * under <em>Configure</em> at {@code #/<realm>/page-section/<providerId>}, each entry a form rendered from the provider's
 * config properties. Found by test ids and routes, so it works in every console language.
 */
public final class DeclarativePage {

    private static final By HEADER = By.cssSelector("[data-testid='view-header']");
    private static final By SAVE = By.cssSelector("[data-testid='save']");

    private final AdminConsole console;
    private final WebDriver driver;
    private final WebDriverWait wait;
    private final String providerId;
    private final String route;

    DeclarativePage(AdminConsole console, WebDriver driver, WebDriverWait wait, String realm, String providerId) {
        this.console = console;
        this.driver = driver;
        this.wait = wait;
        this.providerId = providerId;
        this.route = realm + "/page-section/" + providerId;
    }

    /** Opens the list of entries and returns the page's title. */
    public String openList() {
        return console.open(route, HEADER).getText().trim();
    }

    /** The page's entry in the console's navigation, under <em>Configure</em>. */
    public String navigationLabel() {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-testid='nav-item-page-section/" + providerId + "']"))).getText().trim();
    }

    /** The cells of the list row whose first column (the link to the entry) reads {@code name}. */
    public List<String> row(String name) {
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//table//tr[.//a[normalize-space()='" + name + "']]")));
        return row.findElements(By.tagName("td")).stream().map(td -> td.getText().trim()).toList();
    }

    /** Whether the list (already open) has no row for {@code name}. */
    public boolean lacks(String name) {
        return driver.findElements(By.xpath("//table//tr[.//a[normalize-space()='" + name + "']]")).isEmpty();
    }

    /** Opens the form of a new entry. */
    public Entry add() {
        console.open(route + "/add", SAVE);
        return new Entry(driver, wait);
    }

    /** From the list (already open), follows the link of the entry {@code name} to its form. */
    public Entry edit(String name) {
        console.click(By.xpath("//table//a[normalize-space()='" + name + "']"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(SAVE));
        return new Entry(driver, wait);
    }

    /** The form of the entry the browser shows now, e.g. after following a link to it from elsewhere. */
    public Entry entryShown() {
        wait.until(ExpectedConditions.visibilityOfElementLocated(SAVE));
        return new Entry(driver, wait);
    }

    /** The form of one entry. */
    public static final class Entry extends ConfigForm<Entry> {

        Entry(WebDriver driver, WebDriverWait wait) {
            super(driver, wait);
        }

        @Override
        protected Entry self() {
            return this;
        }

        /** Saves and waits for the console's success message. */
        public void save() {
            driver.findElement(SAVE).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(SUCCESS_ALERT));
        }

        /** Saves, expects the console to refuse it and returns its error message. */
        public String saveRefused() {
            driver.findElement(SAVE).click();
            return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".pf-v5-c-alert.pf-m-danger"))).getText().trim();
        }

        /** Closes the alerts the console shows (e.g. a refusal), so that they do not cover the next screenshot. */
        public Entry closeAlerts() {
            driver.findElements(By.cssSelector(".pf-v5-c-alert__action button")).forEach(WebElement::click);
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".pf-v5-c-alert")));
            return this;
        }

        /** Deletes the entry through the header's action menu and its confirmation dialog; the console returns to the list. */
        public void delete() {
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid='action-dropdown']"))).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid='delete-item']"))).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid='confirm']"))).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(SUCCESS_ALERT));
        }
    }
}
