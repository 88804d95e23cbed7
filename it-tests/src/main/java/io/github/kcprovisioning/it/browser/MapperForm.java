package io.github.kcprovisioning.it.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The console's "Add identity provider mapper" form: the mapper type, its name and the mapper's config fields. */
public final class MapperForm extends ConfigForm<MapperForm> {

    MapperForm(WebDriver driver, WebDriverWait wait) {
        super(driver, wait);
    }

    @Override
    protected MapperForm self() {
        return this;
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

    /** Saves a new mapper and waits until the console shows it (it navigates to the mapper's own page). */
    public void save() {
        driver.findElement(By.cssSelector("[data-testid='new-mapper-save-button']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(SUCCESS_ALERT));
    }
}
