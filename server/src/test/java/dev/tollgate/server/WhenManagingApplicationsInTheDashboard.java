package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.TestServer.Reply;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** Applications in the dashboard: the secret shown once, the client access token copied, ownership. */
class WhenManagingApplicationsInTheDashboard extends DashboardScenario {
    String createApplication(String name) {
        dashboard.open("/applications");
        dashboard.type("application-name", name);
        dashboard.element("application-name").submit();
        dashboard.waitFor(By.name("application-secret"));
        return dashboard.value(By.name("application-id"));
    }

    @Test
    void theSecretIsShownOnceAndNotAfterAReload() {
        dashboard.signIn(ADMIN_EMAIL, PASSWORD);

        String id = createApplication("news-site");
        String secret = dashboard.value(By.name("application-secret"));
        dashboard.waitForText(By.id("applications-table"), "news-site");
        dashboard.screenshot("application-created");

        assertThat(dashboard.main()).contains("shown only this once");
        // The secret is real: the application's backend gets an API token with it.
        Reply token = server.postForm(
                "/v1/auth/token", new TestServer.App(id, secret).basic(), "grant_type=client_credentials");
        assertThat(token.status()).isEqualTo(200);

        dashboard.browser.driver.navigate().refresh();
        dashboard.waitForText(By.id("applications-table"), "news-site");
        assertThat(dashboard.all(By.name("application-secret"))).isEmpty();
        assertThat(dashboard.browser.driver.getPageSource()).doesNotContain(secret);
        dashboard.screenshot("applications");

        dashboard.open("/applications/" + id);
        dashboard.waitForText(By.tagName("main"), "Delete this application");
        assertThat(dashboard.main()).contains("stops working").contains("tgr_ references");
        dashboard.screenshot("application");
    }

    @Test
    void aRotatedSecretIsShownOnceAndDeletingAsksForTheName() {
        dashboard.signIn(ADMIN_EMAIL, PASSWORD);
        String id = createApplication("to-be-deleted");
        String first = dashboard.value(By.name("application-secret"));
        dashboard.open("/applications/" + id);

        dashboard.element("rotate-secret").click();
        dashboard.waitFor(By.name("application-secret"));
        String second = dashboard.value(By.name("application-secret"));
        assertThat(second).isNotEqualTo(first);
        assertThat(server.postForm(
                                "/v1/auth/token",
                                new TestServer.App(id, second).basic(),
                                "grant_type=client_credentials")
                        .status())
                .isEqualTo(200);

        dashboard.type("confirm-delete-name", "to-be");
        dashboard.element("confirm-delete-name").submit();
        dashboard.waitForText(By.cssSelector("#delete-application .error-summary"), "Type the name to-be-deleted");
        dashboard.type("confirm-delete-name", "to-be-deleted");
        dashboard.element("confirm-delete-name").submit();
        dashboard.waitForText(By.tagName("main"), "No applications yet");
        assertThat(server.get("/v1/admin/applications/" + id, Map.of("Authorization", server.adminAuthorization()))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void theCopiedClientAccessTokenOpensASessionForTwelveHours() {
        dashboard.signIn(ADMIN_EMAIL, PASSWORD);
        String id = createApplication("no-backend-app");

        dashboard.open("/applications/" + id + "/client-token");
        dashboard.element("client-token-copy").click();
        dashboard.waitFor(By.name("client-access-token"));
        String token = dashboard.value(By.name("client-access-token"));
        dashboard.waitForText(By.id("client-token-expiry"), "11 h 59 min");
        dashboard.screenshot("client-token");

        Reply session = server.postJson("/v1/sessions", "Bearer " + token, "{\"participant\":{\"name\":\"Dev\"}}");
        assertThat(session.status()).as(session.body()).isEqualTo(201);
        assertThat(session.json().get("applicationId").asText()).isEqualTo(id);
    }

    @Test
    void aDeveloperDoesNotSeeAnotherDevelopersApplication() {
        dashboard.createAccount("dev1@example.com", "developer", PASSWORD);
        dashboard.createAccount("dev2@example.com", "developer", PASSWORD);
        dashboard.signIn("dev1@example.com", PASSWORD);
        String id = createApplication("dev1-private");
        dashboard.signOut();

        dashboard.signIn("dev2@example.com", PASSWORD);
        dashboard.waitForText(By.tagName("main"), "No applications yet");
        assertThat(dashboard.main()).doesNotContain("dev1-private");
        dashboard.open("/applications/" + id);
        dashboard.waitForText(By.tagName("main"), "application-not-found");

        // And through the API directly, with the second developer's own session.
        var direct = dashboard.fetch("GET", "/v1/admin/applications/" + id, null, false);
        assertThat(direct.get("status").asInt()).isEqualTo(404);
        assertThat(direct.get("body").asText()).contains("application-not-found");
        assertThat(server.get("/v1/admin/applications/" + id, Map.of("Authorization", server.adminAuthorization()))
                        .status())
                .isEqualTo(200);
        dashboard.signOut();

        // Until an admin gives it to the second developer.
        dashboard.signIn(ADMIN_EMAIL, PASSWORD);
        dashboard.open("/applications/" + id);
        dashboard.choose("member-account", "dev2@example.com");
        dashboard.element("member-account").submit();
        dashboard.waitForText(By.id("members-list"), "dev2@example.com");
        dashboard.signOut();
        dashboard.signIn("dev2@example.com", PASSWORD);
        dashboard.waitForText(By.id("applications-table"), "dev1-private");
    }
}
