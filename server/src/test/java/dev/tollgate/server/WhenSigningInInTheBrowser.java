package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/** Sign-in through the page: the session cookie, the CSRF token on every change, failures rate-limited. */
class WhenSigningInInTheBrowser extends DashboardScenario {
    @Test
    void anAccountSignsInWithTheKeyboardAndSeesWhatToDoNext() {
        dashboard.open("/applications");
        dashboard.element("sign-in-email");
        dashboard.type("sign-in-email", ADMIN_EMAIL);
        dashboard.screenshot("sign-in");
        // With the keyboard alone: Tab to the password, Enter to sign in.
        dashboard.element("sign-in-email").sendKeys(Keys.TAB);
        dashboard.browser.driver.switchTo().activeElement().sendKeys(PASSWORD, Keys.ENTER);

        dashboard.waitForText(By.id("account-email"), ADMIN_EMAIL);
        dashboard.waitForText(By.tagName("main"), "No applications yet");
        assertThat(dashboard.main()).contains("Create one below");
        assertThat(dashboard.browser.driver.manage().getCookieNamed("tollgate-session"))
                .as("the session cookie")
                .isNotNull()
                .satisfies(cookie -> assertThat(cookie.isHttpOnly()).isTrue());
    }

    @Test
    void anAdminCreatesAnAccountInTheBrowserAndItsOwnerSetsItsPasswordThroughTheLink() {
        dashboard.signIn(ADMIN_EMAIL, PASSWORD);
        dashboard.open("/accounts");
        dashboard.type("account-email-new", "grace@example.com");
        dashboard.element("account-email-new").submit();
        dashboard.waitFor(By.name("set-password-url"));
        String link = dashboard.value(By.name("set-password-url"));
        dashboard.waitForText(By.id("accounts-table"), "grace@example.com");
        dashboard.screenshot("accounts");
        dashboard.signOut();

        dashboard.browser.driver.get(link);
        dashboard.type("new-password", "short");
        dashboard.element("new-password").submit();
        dashboard.waitForText(By.cssSelector(".error-summary"), "at least 12 characters");
        dashboard.type("new-password", PASSWORD);
        dashboard.type("new-password-again", PASSWORD);
        dashboard.element("new-password").submit();
        dashboard.waitForText(By.tagName("main"), "Your password is set");
        dashboard.signIn("grace@example.com", PASSWORD);

        assertThat(dashboard.element("account-email").getText()).isEqualTo("grace@example.com");
        assertThat(dashboard.waitFor(By.id("nav-accounts")).isDisplayed()).isFalse();
    }

    @Test
    void aStateChangeWithoutTheCsrfTokenIsRefused() {
        dashboard.signIn(ADMIN_EMAIL, PASSWORD);

        JsonNode without = dashboard.fetch("POST", "/v1/admin/applications", "{\"name\":\"sneaky\"}", false);
        JsonNode with = dashboard.fetch("POST", "/v1/admin/applications", "{\"name\":\"honest\"}", true);

        assertThat(without.get("status").asInt()).isEqualTo(403);
        assertThat(without.get("body").asText()).contains("csrf-token-missing");
        assertThat(with.get("status").asInt()).isEqualTo(201);
    }

    @Test
    void wrongPasswordsAreRateLimitedAndThePageSaysWhenToRetry() {
        dashboard.open("/sign-in");
        String message = "";
        for (int attempt = 0; attempt < 30 && !message.contains("Try again in"); attempt++) {
            dashboard.type("sign-in-email", ADMIN_EMAIL);
            dashboard.type("sign-in-password", "wrong password " + attempt);
            dashboard.element("sign-in-submit").click();
            dashboard.waitFor(By.cssSelector(".error-summary li"));
            message = dashboard
                    .browser
                    .driver
                    .findElement(By.cssSelector(".error-summary"))
                    .getText();
            assertThat(message).containsAnyOf("invalid-credentials", "too-many");
        }

        assertThat(message).contains("Try again in");
        dashboard.screenshot("sign-in-rate-limited");
    }
}
