package io.github.kcprovisioning.it.browser;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Keycloak admin console (a React single-page app with hash routes) seen through a real browser: logs in like a person
 * and navigates by route. One instance per browser; {@link #screenshot} records each page for the README walkthrough.
 */
public final class AdminConsole {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final By CONSOLE_PAGE = By.cssSelector("main.pf-v5-c-page__main");

    private final WebDriver driver;
    private final String consoleUrl;
    private final Screenshots screenshots;
    private final WebDriverWait wait;

    private AdminConsole(WebDriver driver, String consoleUrl, Screenshots screenshots) {
        this.driver = driver;
        this.consoleUrl = consoleUrl;
        this.screenshots = screenshots;
        this.wait = new WebDriverWait(driver, TIMEOUT);
    }

    /**
     * Opens {@code /admin/<loginRealm>/console/}, signs in on Keycloak's login page and waits for the console.
     * Admins of a realm other than master log into that realm's own console.
     */
    public static AdminConsole login(WebDriver driver, String baseUrl, String loginRealm, String username, String password,
                                     Screenshots screenshots) {
        AdminConsole console = new AdminConsole(driver, baseUrl + "/admin/" + loginRealm + "/console/", screenshots);
        driver.get(console.consoleUrl);
        console.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        screenshots.take("login");
        driver.findElement(By.id("kc-login")).click();
        console.wait.until(ExpectedConditions.visibilityOfElementLocated(CONSOLE_PAGE));
        return console;
    }

    /**
     * Opens a console route such as {@code myrealm/identity-providers/oidc/alias/mappers} and waits until {@code readyWhen}
     * is visible. The page is reloaded because the console keeps its current realm across hash changes.
     */
    public WebElement open(String route, By readyWhen) {
        driver.get(consoleUrl + "#/" + route);
        driver.navigate().refresh();
        return wait.until(ExpectedConditions.visibilityOfElementLocated(readyWhen));
    }

    /** The identity provider's "Mappers" tab. */
    public void openIdentityProviderMappers(String realm, String providerId, String alias) {
        open(realm + "/identity-providers/" + providerId + "/" + alias + "/mappers", By.xpath(addMapperButton()));
    }

    /** From the identity provider's "Mappers" tab, "Add mapper", then picks the mapper type by its provider id. */
    public MapperForm addIdentityProviderMapper(String mapperTypeId) {
        click(By.xpath(addMapperButton()));
        MapperForm form = new MapperForm(driver, wait);
        form.chooseMapperType(mapperTypeId);
        return form;
    }

    /** The declarative admin-console page of a {@code UiPageProvider} in {@code realm}. */
    public DeclarativePage declarativePage(String realm, String providerId) {
        return new DeclarativePage(this, driver, wait, realm, providerId);
    }

    public void click(By target) {
        wait.until(ExpectedConditions.elementToBeClickable(target)).click();
    }

    public void screenshot(String name) {
        screenshots.take(name);
    }

    /** "Add mapper" is a button in the empty state and a link above the table once mappers exist; both by test id (language-proof). */
    private static String addMapperButton() {
        return "//*[@data-testid='no-mappers-empty-action' or @data-testid='addMapper']";
    }
}
