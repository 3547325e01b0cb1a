package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The real-browser harness itself: Debian's headless Chromium, driven by chromedriver, reaches a server on port 0
 * and reads what it answers. The dashboard's and the browser SDK's scenarios run in this same browser.
 */
class WhenABrowserReachesTheServer {
    @TempDir
    Path dataDirectory;

    TestServer server;
    HeadlessChromium browser;

    @BeforeEach
    void start() {
        HeadlessChromium.assumeInstalled();
        server = TestServer.start(ServerConfig.of(dataDirectory, 0), Clock.systemUTC());
        browser = HeadlessChromium.start();
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void itReadsTheHealthAnswer() {
        browser.driver().get(server.server.url() + "/health");

        String body = browser.waitAtMost(Duration.ofSeconds(10))
                .until(page -> page.findElement(By.tagName("body")).getText());
        assertThat(body).contains("\"status\":\"up\"");
    }
}
