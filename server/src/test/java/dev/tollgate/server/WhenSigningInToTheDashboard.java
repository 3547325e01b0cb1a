package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Issue 13: sign-in, who is signed in, sign-out; the cookie as the contract sets it; the session on every node. */
class WhenSigningInToTheDashboard extends ServerScenario {
    @Test
    void theRightPasswordSignsInWithAnHttpOnlyStrictCookie() {
        DashboardAccounts.Session session = DashboardAccounts.signedIn(server, "Ada@Example.com", "admin");

        assertThat(session.account().get("email").asText()).isEqualTo("ada@example.com");
        assertThat(session.account().get("role").asText()).isEqualTo("admin");
        assertThat(session.cookie()).startsWith("tollgate-session=");
        TestServer.Reply again = DashboardAccounts.signInReply(server, "ada@example.com", DashboardAccounts.PASSWORD);
        assertThat(again.header("Set-Cookie"))
                .contains("; Path=/", "; HttpOnly", "; SameSite=Strict")
                .doesNotContain("Secure", "Max-Age", "Domain");
        assertThat(again.header("Cache-Control")).isEqualTo("no-store");

        TestServer.Reply me = session.get(server, "/v1/dashboard/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("account").get("id").asText()).isEqualTo(session.accountId());
        assertThat(me.json().get("csrfToken").asText()).isEqualTo(session.csrfToken());
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() {
        DashboardAccounts.signedIn(server, "ada@example.com", "developer");

        TestServer.Reply wrong = DashboardAccounts.signInReply(server, "ada@example.com", "not the password at all");
        TestServer.Reply unknown =
                DashboardAccounts.signInReply(server, "nobody@example.com", "not the password at all");

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.json().get("code").asText()).isEqualTo("invalid-credentials");
        assertThat(unknown.body()).isEqualTo(wrong.body());
        assertThat(wrong.header("Set-Cookie")).isNull();
    }

    @Test
    void withoutASessionMeSaysNotSignedIn() {
        TestServer.Reply me = server.get("/v1/dashboard/me", java.util.Map.of());
        assertThat(me.status()).isEqualTo(401);
        assertThat(me.json().get("code").asText()).isEqualTo("not-signed-in");

        TestServer.Reply forged =
                server.get("/v1/dashboard/me", java.util.Map.of("Cookie", "tollgate-session=" + "A".repeat(43)));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.json().get("code").asText()).isEqualTo("not-signed-in");
        assertThat(forged.header("Set-Cookie")).startsWith("tollgate-session=; Max-Age=0");
    }

    @Test
    void signingInAgainEndsTheSessionTheBrowserHeld() {
        DashboardAccounts.Session first = DashboardAccounts.signedIn(server, "ada@example.com", "admin");

        TestServer.Reply again = server.send(
                "POST",
                "/v1/dashboard/sign-in",
                java.util.Map.of("Cookie", first.cookie(), "Content-Type", "application/json"),
                ("{\"email\":\"ada@example.com\",\"password\":\"" + DashboardAccounts.PASSWORD + "\"}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(again.status()).isEqualTo(200);
        assertThat(first.get(server, "/v1/dashboard/me").status()).isEqualTo(401);
    }

    @Test
    void signingOutEndsThatSessionOnly() {
        DashboardAccounts.Session first = DashboardAccounts.signedIn(server, "ada@example.com", "admin");
        DashboardAccounts.Session second =
                DashboardAccounts.signIn(server, "ada@example.com", DashboardAccounts.PASSWORD);

        TestServer.Reply out = first.post(server, "/v1/dashboard/sign-out", null);

        assertThat(out.status()).isEqualTo(204);
        assertThat(out.header("Set-Cookie")).startsWith("tollgate-session=; Max-Age=0");
        assertThat(first.get(server, "/v1/dashboard/me").status()).isEqualTo(401);
        assertThat(second.get(server, "/v1/dashboard/me").status()).isEqualTo(200);
    }

    @Test
    void signingOutEverywhereEndsEverySessionOfTheAccount() {
        DashboardAccounts.Session first = DashboardAccounts.signedIn(server, "ada@example.com", "admin");
        DashboardAccounts.Session second =
                DashboardAccounts.signIn(server, "ada@example.com", DashboardAccounts.PASSWORD);
        DashboardAccounts.Session other = DashboardAccounts.signedIn(server, "bob@example.com", "developer");

        assertThat(second.post(server, "/v1/dashboard/sign-out?everywhere=true", null)
                        .status())
                .isEqualTo(204);

        assertThat(first.get(server, "/v1/dashboard/me").status()).isEqualTo(401);
        assertThat(second.get(server, "/v1/dashboard/me").status()).isEqualTo(401);
        assertThat(other.get(server, "/v1/dashboard/me").status()).isEqualTo(200);
    }

    @Test
    void aSessionEndsAfterThirtyIdleMinutes() {
        DashboardAccounts.Session session = DashboardAccounts.signedIn(server, "ada@example.com", "admin");

        clock.advance(Duration.ofMinutes(29));
        assertThat(session.get(server, "/v1/dashboard/me").status()).isEqualTo(200);
        // That request was a sign of life: another 29 minutes are still within the idle timeout.
        clock.advance(Duration.ofMinutes(29));
        assertThat(session.get(server, "/v1/dashboard/me").status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(31));
        TestServer.Reply idle = session.get(server, "/v1/dashboard/me");
        assertThat(idle.status()).isEqualTo(401);
        assertThat(idle.json().get("code").asText()).isEqualTo("not-signed-in");
    }

    @Test
    void aBusySessionEndsTwelveHoursAfterSignIn() {
        DashboardAccounts.Session session = DashboardAccounts.signedIn(server, "ada@example.com", "admin");

        for (int i = 0; i < 23; i++) {
            clock.advance(Duration.ofMinutes(29));
            assertThat(session.get(server, "/v1/dashboard/me").status()).isEqualTo(200);
        }
        clock.advance(Duration.ofMinutes(29)); // 24 × 29 min = 11 h 36 min; then past 12 h
        assertThat(session.get(server, "/v1/dashboard/me").status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(25));
        assertThat(session.get(server, "/v1/dashboard/me").status()).isEqualTo(401);
    }

    @Test
    void theDatabaseHoldsADigestOfTheCookieNeverItsValue() {
        DashboardAccounts.Session session = DashboardAccounts.signedIn(server, "ada@example.com", "admin");
        String value = session.cookie().substring(session.cookie().indexOf('=') + 1);

        assertThat(server.sql("SELECT COUNT(*) FROM browser_sessions")).isEqualTo(1);
        assertThat(server.sql("SELECT COUNT(*) FROM browser_sessions WHERE digest = '" + value + "'"))
                .isZero();
        assertThat(server.sql("SELECT COUNT(*) FROM browser_sessions WHERE digest = '"
                        + dev.tollgate.server.internal.keys.Sha256.hex(value) + "'"))
                .isEqualTo(1);
        assertThat(server.sql(
                        "SELECT COUNT(*) FROM browser_sessions WHERE digest LIKE '%" + session.csrfToken() + "%'"))
                .isZero();
        assertThat(server.sql(
                        "SELECT COUNT(*) FROM accounts WHERE password_hash LIKE '$argon2id$v=19$m=19456,t=2,p=1$%'"))
                .isEqualTo(1);
    }
}
