package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard driven as a person uses it, in {@link HeadlessChromium}: accounts are created as an admin does (the
 * one-time link of {@code POST /v1/accounts}), everything else through the pages. The screenshots the scenarios take
 * are the ones of {@code docs/dashboard.md}, written to {@code docs/images/dashboard-<name>.png}.
 */
final class DashboardBrowser implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(15);
    /** The repository's docs/images, from the server module's directory the tests run in. */
    static final Path IMAGES = Path.of("..", "docs", "images");

    final TestServer server;
    final HeadlessChromium browser;

    DashboardBrowser(TestServer server) {
        this.server = server;
        this.browser = HeadlessChromium.start();
    }

    /** Creates an account through the API as an admin does, and sets its password through the one-time link's page. */
    void createAccount(String email, String role, String password) {
        TestServer.Reply created = server.postJson(
                "/v1/accounts", server.adminAuthorization(), "{\"email\":\"" + email + "\",\"role\":\"" + role + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String link = created.json().get("setPasswordUrl").asText();
        browser.driver.get(link);
        type("new-password", password);
        type("new-password-again", password);
        element("new-password").submit();
        waitForText(By.tagName("main"), "Your password is set");
    }

    void open(String hash) {
        browser.driver.get(server.server.url() + "/#" + hash);
    }

    void signIn(String email, String password) {
        open("/sign-in");
        type("sign-in-email", email);
        type("sign-in-password", password);
        element("sign-in-submit").click();
        waitForText(By.id("account-email"), email);
    }

    void signOut() {
        element("sign-out").click();
        waitFor(By.id("sign-in-email"));
    }

    WebElement element(String id) {
        return browser.waitAtMost(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    WebElement waitFor(By locator) {
        return browser.waitAtMost(WAIT).until(ExpectedConditions.presenceOfElementLocated(locator));
    }

    void waitForText(By locator, String text) {
        browser.waitAtMost(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    void type(String id, String text) {
        WebElement field = element(id);
        field.clear();
        field.sendKeys(text);
    }

    void choose(String id, String visibleText) {
        new Select(element(id)).selectByVisibleText(visibleText);
    }

    String value(By locator) {
        return waitFor(locator).getAttribute("value");
    }

    String main() {
        return browser.driver.findElement(By.tagName("main")).getText();
    }

    List<WebElement> all(By locator) {
        return browser.driver.findElements(locator);
    }

    /** Runs {@code fetch} in the page, as the page's own scripts would (same origin, its cookies): status and body. */
    JsonNode fetch(String method, String path, String body, boolean withCsrf) {
        Object answer = ((JavascriptExecutor) browser.driver).executeAsyncScript("""
                        const [method, path, body, withCsrf, done] = arguments;
                        (async () => {
                          const headers = {'Content-Type': 'application/json'};
                          if (withCsrf) {
                            const me = await (await fetch('/v1/dashboard/me')).json();
                            headers['X-CSRF-Token'] = me.csrfToken;
                          }
                          const response = await fetch(path, {method, headers, body: body || undefined});
                          done(JSON.stringify({status: response.status, body: await response.text()}));
                        })().catch((e) => done(JSON.stringify({status: -1, body: String(e)})));
                        """, method, path, body, withCsrf);
        try {
            return TestServer.JSON.readTree((String) answer);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + answer, e);
        }
    }

    /**
     * Every form control of the page has a label: a {@code <label for>}, a wrapping label, or {@code aria-label}
     * (GOV.UK: "all form fields need a label"); the list of those that have none is empty.
     */
    List<String> unlabelledControls() {
        @SuppressWarnings("unchecked")
        List<String> unlabelled = (List<String>) ((JavascriptExecutor) browser.driver).executeScript("""
                        return [...document.querySelectorAll('main input, main select, main textarea, main button')]
                          .filter((c) => c.type !== 'hidden')
                          .filter((c) => !(c.labels && c.labels.length) && !c.getAttribute('aria-label')
                            && !(c.tagName === 'BUTTON' && c.textContent.trim()))
                          .map((c) => c.outerHTML.slice(0, 120));
                        """);
        return unlabelled;
    }

    /** What the browser's console said about the Content-Security-Policy: empty when nothing was refused. */
    List<String> contentSecurityPolicyViolations() {
        return browser.driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(entry -> entry.getMessage())
                .filter(message -> message.contains("Content Security Policy") || message.contains("Refused to"))
                .toList();
    }

    /** The screenshot of the docs: {@code docs/images/dashboard-<name>.png}. */
    void screenshot(String name) {
        assertThat(unlabelledControls())
                .as("controls without a label on " + name)
                .isEmpty();
        // The whole page, not the window: the window grows to the page's height for the picture, then shrinks back.
        JavascriptExecutor js = (JavascriptExecutor) browser.driver;
        long height = ((Number) js.executeScript("return document.documentElement.scrollHeight")).longValue();
        browser.driver.manage().window().setSize(new Dimension(1280, (int) Math.min(Math.max(height, 900), 3000)));
        js.executeScript("window.scrollTo(0, 0)");
        browser.screenshot(IMAGES.resolve("dashboard-" + name + ".png"));
        browser.driver.manage().window().setSize(new Dimension(1280, 900));
    }

    @Override
    public void close() {
        browser.close();
    }
}
