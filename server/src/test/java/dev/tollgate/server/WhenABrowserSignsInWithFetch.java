package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Cookie;

/**
 * Issue 13, in the real browser: a page of the server's origin signs in with {@code fetch} as the dashboard's
 * {@code api.js} does, and Chromium keeps the session cookie (HttpOnly, out of the page's reach) and sends it back:
 * {@code /me} answers, a change with the CSRF token is made, one without it is refused.
 */
class WhenABrowserSignsInWithFetch {
    @TempDir
    Path dataDirectory;

    TestServer server;
    HeadlessChromium browser;

    @BeforeEach
    void start() {
        HeadlessChromium.assumeInstalled();
        server = TestServer.start(ServerConfig.of(dataDirectory, 0), Clock.systemUTC());
        DashboardAccounts.signedIn(server, "ada@example.com", "admin");
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
    @SuppressWarnings("unchecked")
    void theCookieItKeepsAuthenticatesItsNextRequests() {
        // Any answer of the server gives the page its origin; the API's own pages are the other helper's.
        browser.driver.get(server.server.url() + "/health");

        Object result = browser.driver.executeAsyncScript("""
                        const done = arguments[arguments.length - 1];
                        (async () => {
                          const json = {'Content-Type': 'application/json'};
                          const signIn = await fetch('/v1/dashboard/sign-in', {method: 'POST', headers: json,
                              body: JSON.stringify({email: 'ada@example.com', password: arguments[0]})});
                          const signedIn = await signIn.json();
                          const me = await fetch('/v1/dashboard/me');
                          const withToken = await fetch('/v1/admin/applications', {method: 'POST',
                              headers: {...json, 'X-CSRF-Token': signedIn.csrfToken},
                              body: JSON.stringify({name: 'From the browser'})});
                          const withoutToken = await fetch('/v1/admin/applications', {method: 'POST', headers: json,
                              body: JSON.stringify({name: 'Forged'})});
                          return [signIn.status, me.status, (await me.json()).account.email, withToken.status,
                              withoutToken.status, (await withoutToken.json()).code, document.cookie];
                        })().then(done, error => done(['failed', String(error)]));
                        """, DashboardAccounts.PASSWORD);

        assertThat((List<Object>) result)
                .containsExactly(200L, 200L, "ada@example.com", 201L, 403L, "csrf-token-missing", "");
        Cookie cookie = browser.driver.manage().getCookieNamed("tollgate-session");
        assertThat(cookie).isNotNull();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Strict");
        assertThat(cookie.getPath()).isEqualTo("/");
        assertThat(server.get("/v1/admin/applications", Map.of("Authorization", server.adminAuthorization()))
                        .json()
                        .get("applications"))
                .extracting(node -> node.get("name").asText())
                .containsExactly("From the browser");
    }
}
