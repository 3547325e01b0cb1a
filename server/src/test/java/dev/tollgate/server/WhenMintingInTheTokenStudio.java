package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tollgate.token.ReferenceNodeLibrary;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The token studio and the debugger in the browser: linted as the form changes, minted, verified, explained. */
class WhenMintingInTheTokenStudio extends DashboardScenario {
    String applicationId;
    String secret;

    void signInWithAnApplication() {
        dashboard.signIn(ADMIN_EMAIL, PASSWORD);
        dashboard.open("/applications");
        dashboard.type("application-name", "news-site");
        dashboard.element("application-name").submit();
        dashboard.waitFor(By.name("application-secret"));
        applicationId = dashboard.value(By.name("application-id"));
        secret = dashboard.value(By.name("application-secret"));
        server.postJson(
                "/v1/channels?applicationId=" + applicationId, server.adminAuthorization(), "{\"alias\":\"news\"}");
    }

    /** Waits for the linter's answer to the last change (it runs a moment after the form changes). */
    void waitForFinding(String text) {
        dashboard.waitForText(By.id("lint-findings"), text);
    }

    @Test
    void theLinterFlagsAMissingDesignationAndAnRtmpUrlTooLong() {
        signInWithAnApplication();
        dashboard.open("/applications/" + applicationId + "/studio");

        dashboard.element("type-streamingOnly").click();
        waitForFinding("Error: no-designation");
        assertThat(dashboard.browser.driver.findElement(By.id("lint-findings")).getText())
                .contains("Error: no-designation");

        dashboard.choose("designation-kind", "Channel alias");
        dashboard.type("designation-value", "news");
        dashboard.type("apply-tags", "customer=acme");
        dashboard.choose("carrier", "An RTMP URL (nginx-rtmp)");
        waitForFinding("Error: rtmp-name-too-long");
        dashboard
                .browser
                .waitAtMost(DashboardBrowser.WAIT)
                .until(page ->
                        !page.findElement(By.id("lint-findings")).getText().contains("no-designation"));
        assertThat(dashboard.browser.driver.findElement(By.id("lint-findings")).getText())
                .contains("Error: rtmp-name-too-long")
                .doesNotContain("no-designation");
    }

    @Test
    void aStudioTokenIsVerifiedByTheReferenceLibraryAndDebuggedWithItsTrace() throws Exception {
        Optional<ReferenceNodeLibrary> reference = ReferenceNodeLibrary.install();
        assumeTrue(reference.isPresent(), "node and npm are needed to run phenix-edge-auth");
        signInWithAnApplication();
        dashboard.open("/applications/" + applicationId + "/studio");
        dashboard.element("type-streamingOnly").click();
        dashboard.choose("designation-kind", "Channel alias");
        dashboard.type("designation-value", "news");
        dashboard.type("allow-countries", "US, DE");
        dashboard.type("apply-tags", "customer=acme");
        dashboard.element("studio-mint").click();
        dashboard.waitFor(By.name("studio-ref"));
        String token = dashboard.value(By.name("studio-token"));
        String ref = dashboard.value(By.name("studio-ref"));
        String command = dashboard.value(By.name("studio-command"));
        dashboard.screenshot("studio");

        ArrayNode requests = TestServer.JSON.createArrayNode();
        requests.addObject().put("op", "verify").put("secret", secret).put("token", token);
        List<JsonNode> verified = reference.get().call(requests);
        assertThat(verified.get(0).get("verified").asBoolean())
                .as(verified.toString())
                .isTrue();
        assertThat(verified.get(0).get("value").get("requiredTag").asText()).isEqualTo("channelAlias:news");
        assertThat(ref).startsWith("tgr_");
        assertThat(command)
                .contains("tollgate token create -u " + applicationId)
                .contains("--streamingOnly")
                .contains("--channelAlias news")
                .contains("--geoCountryAllow US,DE")
                .contains("--applyTag customer=acme");

        dashboard.element("studio-debug").click();
        dashboard.element("debug-simulate").click();
        dashboard.choose("debug-target-kind", "Channel alias");
        dashboard.type("debug-target", "news");
        dashboard.type("debug-address", "8.8.8.8");
        dashboard.element("debug-submit").click();
        dashboard.waitFor(By.id("debug-trace"));
        dashboard.screenshot("debugger");

        assertThat(dashboard
                        .browser
                        .driver
                        .findElement(By.id("debug-signature"))
                        .getText())
                .contains("Signature verified");
        assertThat(dashboard
                        .browser
                        .driver
                        .findElement(By.id("debug-decision-code"))
                        .getText())
                .contains("allowed");
        assertThat(dashboard.browser.driver.findElement(By.id("debug-trace")).getText())
                .contains("Passed token")
                .contains("country-allow");
        assertThat(dashboard.browser.driver.findElement(By.id("debug-location")).getText())
                .contains("US");
    }
}
