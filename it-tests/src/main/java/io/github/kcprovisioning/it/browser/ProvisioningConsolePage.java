package io.github.kcprovisioning.it.browser;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The sync status and SCIM settings page ({@code /realms/<realm>/provisioning/console/}) seen through a real browser. The
 * page re-renders its tables every few seconds, so every read and click finds its element again (never keeps one).
 */
public final class ProvisioningConsolePage {

    private static final Duration TIMEOUT = Duration.ofSeconds(45);

    private final WebDriver driver;
    private final WebDriverWait wait;

    private ProvisioningConsolePage(WebDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, TIMEOUT);
    }

    /** Opens {@code pageUrl}, signs in on Keycloak's login page it redirects to, and waits for the first target row. */
    public static ProvisioningConsolePage login(WebDriver driver, String pageUrl, String username, String password, Screenshots screenshots) {
        ProvisioningConsolePage page = signIn(driver, pageUrl, username, password, screenshots);
        String notice = page.notice();
        if (!notice.isEmpty()) {
            screenshots.take("failed");
            throw new IllegalStateException("The page shows an error after sign-in: " + notice);
        }
        return page;
    }

    /** Like {@link #login}, for an account the admin REST API refuses: returns the error the page shows instead of the targets. */
    public static String loginRefused(WebDriver driver, String pageUrl, String username, String password, Screenshots screenshots) {
        String notice = signIn(driver, pageUrl, username, password, screenshots).notice();
        if (notice.isEmpty()) {
            throw new IllegalStateException("The page shows targets to " + username);
        }
        return notice;
    }

    private static ProvisioningConsolePage signIn(WebDriver driver, String pageUrl, String username, String password, Screenshots screenshots) {
        ProvisioningConsolePage page = new ProvisioningConsolePage(driver);
        driver.get(pageUrl);
        page.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        screenshots.take("login");
        driver.findElement(By.id("kc-login")).click();
        page.until(d -> d.findElements(By.cssSelector("#targets tbody tr[data-target-id]")).isEmpty()
                && !d.findElement(By.id("notice")).isDisplayed() ? null : Boolean.TRUE);
        return page;
    }

    /**
     * Opens {@code pageUrl} in a browser that already has a Keycloak session in the page's realm (e.g. from the admin
     * console): the page's sign-in completes without a login form. Waits until the SCIM section shows the realm's state.
     */
    public static ProvisioningConsolePage openSignedIn(WebDriver driver, String pageUrl) {
        ProvisioningConsolePage page = new ProvisioningConsolePage(driver);
        driver.get(pageUrl);
        page.scimState();
        return page;
    }

    /** the error line the page shows, or "" */
    public String notice() {
        return until(d -> d.findElement(By.id("notice")).isDisplayed() ? d.findElement(By.id("notice")).getText() : "");
    }

    /** A cell ({@code pending}, {@code delivered}, {@code dead}, {@code last-error}, ...) of a target's row, as shown now. */
    public String targetCell(String targetId, String field) {
        return read(By.cssSelector("tr[data-target-id='" + targetId + "'] td[data-field='" + field + "']"));
    }

    /** Waits until the cell's text satisfies {@code condition}; returns that text. */
    public String awaitTargetCell(String targetId, String field, Predicate<String> condition) {
        By cell = By.cssSelector("tr[data-target-id='" + targetId + "'] td[data-field='" + field + "']");
        return until(d -> {
            String text = d.findElement(cell).getText();
            return condition.test(text) ? text : null;
        });
    }

    /** Clicks a button of a target's row: {@code test}, {@code dead-letters}, {@code replay-all}, {@code sync}. */
    public void clickTargetAction(String targetId, String action) {
        click(By.cssSelector("tr[data-target-id='" + targetId + "'] button[data-action='" + action + "']"));
    }

    /** waits until the target's row shows the outcome of a connection test and returns it: {@code ok} and the text shown */
    public ConnectionTest awaitConnectionTest(String targetId) {
        By result = By.cssSelector("tr[data-target-id='" + targetId + "'] [data-field='connection-test'][data-ok]");
        return until(d -> {
            WebElement shown = d.findElement(result);
            return new ConnectionTest(Boolean.parseBoolean(shown.getDomAttribute("data-ok")), shown.getText());
        });
    }

    public record ConnectionTest(boolean ok, String text) {
    }

    /** waits until the page's periodic refresh has replaced the target's row with a new one */
    public void awaitRowRerendered(String targetId) {
        WebElement row = until(d -> d.findElement(By.cssSelector("tr[data-target-id='" + targetId + "']")));
        wait.until(ExpectedConditions.stalenessOf(row));
    }

    /** the error text of the dead letter shown first in the dead-letter panel, once one is shown */
    public String awaitFirstDeadLetterError() {
        return until(d -> {
            String text = d.findElement(By.cssSelector("#dead-letters tr[data-seq] td[data-field='error']")).getText();
            return text.isBlank() ? null : text;
        });
    }

    public void replayFirstDeadLetter() {
        click(By.cssSelector("#dead-letters tr[data-seq] button[data-action='replay']"));
    }

    /** waits until the initial sync / reconcile panel shows a full progress bar and returns the report line */
    public String awaitSyncReport() {
        until(d -> "true".equals(d.findElement(By.id("sync-progress")).getDomAttribute("data-done"))
                && d.findElement(By.id("sync-progress")).getDomProperty("value").equals("100") ? Boolean.TRUE : null);
        return read(By.id("sync-report"));
    }

    public String scimBaseUrl() {
        return until(d -> {
            String value = d.findElement(By.id("scim-base-url")).getDomProperty("value");
            return value == null || value.isBlank() ? null : value;
        });
    }

    /**
     * whether SCIM is on for the realm, as the SCIM section says it, once it says it; the page may still be going through
     * its sign-in redirects, which replace the document under a running read (any driver error is retried)
     */
    public String scimState() {
        return new WebDriverWait(driver, TIMEOUT).ignoring(WebDriverException.class).until(d -> {
            String text = d.findElement(By.id("scim-state-text")).getText();
            return text.isBlank() ? null : text;
        });
    }

    /** an effective setting of the SCIM section by its label key (e.g. {@code provisioningConsoleMaxPageSize}): value and source */
    public Setting setting(String labelKey) {
        return until(d -> {
            WebElement shown = d.findElement(By.cssSelector("#settings dd[data-setting='" + labelKey + "']"));
            return new Setting(shown.findElement(By.cssSelector("[data-value]")).getText(), shown.getDomAttribute("data-source"));
        });
    }

    /** @param source {@code realm} (the realm's SCIM endpoint settings) or {@code server} (the server default) */
    public record Setting(String value, String source) {
    }

    /** the user attribute the attribute mapping shows for a SCIM path */
    public String mappedAttribute(String scimPath) {
        return until(d -> d.findElement(By.cssSelector("#mapping tr[data-scim-path='" + scimPath + "'] td:nth-child(2)"))
                .getDomProperty("textContent"));
    }

    /** the target of the link "Edit in admin console" */
    public String editSettingsLink() {
        return until(d -> d.findElement(By.id("edit-settings")).isDisplayed() ? d.findElement(By.id("edit-settings")).getDomAttribute("href") : null);
    }

    /** follows the link "Edit in admin console" */
    public void editSettings() {
        click(By.id("edit-settings"));
    }

    /** the realm chosen in the header's realm list */
    public String selectedRealm() {
        return until(d -> d.findElement(By.id("realm")).getDomProperty("value"));
    }

    /** Clicks a button in the card of a SCIM client: {@code create-token}, {@code rotate}, {@code revoke}. */
    public void clickClientAction(String clientId, String action) {
        click(By.cssSelector("div[data-client='" + clientId + "'] button[data-action='" + action + "']"));
    }

    /** waits until the "shown once" box holds a token other than {@code previous} and returns it */
    public String awaitNewToken(String previous) {
        return until(d -> {
            String value = d.findElement(By.id("new-token")).getDomProperty("value");
            return value == null || value.isBlank() || value.equals(previous) ? null : value;
        });
    }

    /** waits until the client's card lists {@code expected} tokens */
    public void awaitTokenCount(String clientId, int expected) {
        until(d -> d.findElements(By.cssSelector("div[data-client='" + clientId + "'] tr[data-token-id]")).size() == expected ? Boolean.TRUE : null);
    }

    /** scrolls the element with that id into view, e.g. before a screenshot */
    public void scrollTo(String elementId) {
        ((JavascriptExecutor) driver).executeScript("document.getElementById(arguments[0]).scrollIntoView()", elementId);
    }

    /** scrolls back to the top of the page (header, realm and user), e.g. before a screenshot */
    public void scrollToTop() {
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
    }

    private String read(By locator) {
        return until(d -> d.findElement(locator).getText());
    }

    private void click(By locator) {
        until(d -> {
            WebElement button = d.findElement(locator);
            if (!button.isEnabled() || !button.isDisplayed()) {
                return null;
            }
            button.click();
            return Boolean.TRUE;
        });
    }

    /** re-runs {@code step} on a fresh DOM until it yields a value: a re-rendered (stale) or not yet rendered element is retried */
    private <T> T until(Function<WebDriver, T> step) {
        return wait.ignoring(StaleElementReferenceException.class).ignoring(NoSuchElementException.class)
                .ignoring(ElementClickInterceptedException.class).until(step::apply);
    }
}
