package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A real server on H2 and a real browser on its dashboard, signed in as an admin account; skipped without Chromium. */
abstract class DashboardScenario {
    static final String ADMIN_EMAIL = "ada@example.com";
    static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path dataDirectory;

    TestServer server;
    DashboardBrowser dashboard;

    @BeforeEach
    void startServerAndBrowser() {
        HeadlessChromium.assumeInstalled();
        server = TestServer.start(ServerConfig.of(dataDirectory, 0), Clock.systemUTC());
        dashboard = new DashboardBrowser(server);
        dashboard.createAccount(ADMIN_EMAIL, "admin", PASSWORD);
    }

    @AfterEach
    void stop() {
        if (dashboard != null) {
            try {
                // No inline script, style or handler anywhere: the browser refused nothing the pages did.
                assertThat(dashboard.contentSecurityPolicyViolations()).isEmpty();
            } finally {
                dashboard.close();
            }
        }
        if (server != null) {
            server.close();
        }
    }
}
