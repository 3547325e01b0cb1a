package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.edge.Action;
import dev.tollgate.server.internal.usage.UsageSessionStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Usage in the dashboard: seeded viewer sessions drawn per day and tag, narrowed by the tag filter. */
class WhenChartingUsageInTheDashboard extends DashboardScenario {
    @Test
    void theChartDrawsSeededUsageAndTheTagFilterNarrowsIt() {
        TestServer.App app = server.createApplication("news-site");
        server.postJson("/v1/channels?applicationId=" + app.id(), server.adminAuthorization(), "{\"alias\":\"news\"}");
        UsageSessionStore sessions = server.usageSessions();
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        int key = 0;
        for (int day = 1; day <= 3; day++) {
            Instant start = today.minus(Duration.ofDays(day)).plus(Duration.ofHours(10));
            for (String tag : new String[] {"customer=acme", "customer=globex"}) {
                key++;
                long minutes = tag.endsWith("acme") ? 10L * day : 45L - 10L * day;
                sessions.open(UsageSessions.open("k" + key, app.id(), null, Action.SUBSCRIBE, start, tag));
                sessions.close("nginx-rtmp", "k" + key, start.plus(Duration.ofMinutes(minutes)));
            }
        }
        dashboard.signIn(ADMIN_EMAIL, PASSWORD);

        dashboard.open("/applications/" + app.id() + "/usage");
        WebElement chart = dashboard.waitFor(By.cssSelector("#usage-chart canvas"));
        assertThat(chart).isNotNull();
        WebElement drawn = dashboard.element("usage-chart");
        assertThat(drawn.getAttribute("data-series")).isEqualTo("2");
        assertThat(drawn.getAttribute("data-points")).isEqualTo("6");
        assertThat(dashboard.element("usage-rows").getText())
                .contains("customer=acme")
                .contains("customer=globex");
        dashboard.screenshot("usage");

        dashboard.type("usage-tag", "customer=acme");
        dashboard.element("usage-tag").submit();
        dashboard
                .browser
                .waitAtMost(DashboardBrowser.WAIT)
                .until(page -> "1".equals(page.findElement(By.id("usage-chart")).getAttribute("data-series")));
        assertThat(dashboard.element("usage-chart").getAttribute("data-points")).isEqualTo("3");
        assertThat(dashboard.element("usage-rows").getText())
                .contains("customer=acme")
                .doesNotContain("globex");

        dashboard.open("/applications/" + app.id() + "/channels");
        dashboard.waitForText(By.id("channels-table"), "news");
        dashboard.screenshot("channels");
    }
}
