package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Revoking in the browser: a token from the debugger, a tag from the Revocations page, and withdrawing it. */
class WhenRevokingFromTheDashboard extends DashboardScenario {
    String applicationId;

    void signInWithAnApplication() {
        dashboard.signIn(ADMIN_EMAIL, PASSWORD);
        dashboard.open("/applications");
        dashboard.type("application-name", "news-site");
        dashboard.element("application-name").submit();
        dashboard.waitFor(By.name("application-secret"));
        applicationId = dashboard.value(By.name("application-id"));
        server.postJson(
                "/v1/channels?applicationId=" + applicationId, server.adminAuthorization(), "{\"alias\":\"news\"}");
    }

    /** Answers "OK" to the confirmation the destructive button just asked for. */
    void confirm() {
        dashboard
                .browser
                .waitAtMost(DashboardBrowser.WAIT)
                .until(ExpectedConditions.alertIsPresent())
                .accept();
    }

    String text(String id) {
        return dashboard.element(id).getText();
    }

    @Test
    void aDebuggedTokenIsRevokedThenATagIsRevokedAndWithdrawn() {
        signInWithAnApplication();
        dashboard.open("/applications/" + applicationId + "/studio");
        dashboard.element("type-streamingOnly").click();
        dashboard.choose("designation-kind", "Channel alias");
        dashboard.type("designation-value", "news");
        dashboard.element("studio-mint").click();
        dashboard.waitFor(By.name("studio-ref"));

        dashboard.element("studio-debug").click();
        dashboard.element("debug-simulate").click();
        dashboard.choose("debug-target-kind", "Channel alias");
        dashboard.type("debug-target", "news");
        dashboard.element("debug-submit").click();
        dashboard.waitFor(By.id("debug-trace"));
        assertThat(text("debug-decision-code")).contains("allowed");

        dashboard.element("debug-revoke").click();
        confirm();
        dashboard.waitForText(By.id("debug-decision-code"), "revoked");
        String trace = text("debug-trace");
        assertThat(trace).contains("revocation").containsPattern("rev_[A-Za-z0-9]+");
        String entryId = trace.replaceAll("(?s).*?(rev_[A-Za-z0-9]+).*", "$1");

        dashboard.open("/applications/" + applicationId + "/revocations");
        dashboard.waitFor(By.id("revocations-table"));
        assertThat(text("revocations-table")).contains("token").contains(entryId);

        dashboard.choose("revoke-kind", "Tag");
        dashboard.type("revoke-value", "vip");
        dashboard.element("revoke-value").submit();
        confirm();
        dashboard.waitForText(By.id("revocations-table"), "vip");
        assertThat(text("revocations-table")).contains("tag").contains(entryId);
        dashboard.screenshot("revocations");

        String tagEntry = dashboard
                .browser
                .driver
                .findElement(
                        By.xpath(
                                "//table[@id='revocations-table']//tr[td[normalize-space()='tag']]//code[starts-with(., 'rev_')]"))
                .getText();
        dashboard.element("withdraw-" + tagEntry).click();
        confirm();
        dashboard
                .browser
                .waitAtMost(DashboardBrowser.WAIT)
                .until(page ->
                        !page.findElement(By.id("revocations-table")).getText().contains("vip"));
        assertThat(text("revocations-table")).contains(entryId).doesNotContain(tagEntry);
    }
}
