package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Issue 13: the one-time set-password link: 24 hours, once, stored as a digest; a reset ends every session. */
class WhenSettingAPasswordThroughItsLink extends ServerScenario {
    @Test
    void aLinkWorksOnce() {
        String token = DashboardAccounts.create(server, "ada@example.com", "developer");

        assertThat(DashboardAccounts.setPassword(server, token, DashboardAccounts.PASSWORD)
                        .status())
                .isEqualTo(204);
        TestServer.Reply again = DashboardAccounts.setPassword(server, token, "another long password");

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("code").asText()).isEqualTo("invalid-password-link");
        assertThat(DashboardAccounts.signInReply(server, "ada@example.com", "another long password")
                        .status())
                .isEqualTo(401);
        assertThat(DashboardAccounts.signInReply(server, "ada@example.com", DashboardAccounts.PASSWORD)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aLinkExpiresAfterTwentyFourHours() {
        String token = DashboardAccounts.create(server, "ada@example.com", "developer");

        clock.advance(Duration.ofHours(24).plusSeconds(1));

        assertThat(DashboardAccounts.setPassword(server, token, DashboardAccounts.PASSWORD)
                        .json()
                        .get("code")
                        .asText())
                .isEqualTo("invalid-password-link");
    }

    @Test
    void theDatabaseHoldsTheLinksDigestNotItsToken() {
        String token = DashboardAccounts.create(server, "ada@example.com", "developer");

        assertThat(server.sql("SELECT COUNT(*) FROM password_links")).isEqualTo(1);
        assertThat(server.sql("SELECT COUNT(*) FROM password_links WHERE digest = '"
                        + dev.tollgate.server.internal.keys.Sha256.hex(token) + "'"))
                .isEqualTo(1);
    }

    @Test
    void aShortPasswordIsRefusedAndTheLinkStillWorks() {
        String token = DashboardAccounts.create(server, "ada@example.com", "developer");

        TestServer.Reply shortOne = DashboardAccounts.setPassword(server, token, "short");

        assertThat(shortOne.status()).isEqualTo(400);
        assertThat(shortOne.json().get("code").asText()).isEqualTo("invalid-password");
        assertThat(DashboardAccounts.setPassword(server, token, DashboardAccounts.PASSWORD)
                        .status())
                .isEqualTo(204);
    }

    @Test
    void aResetLinkSetsANewPasswordAndEndsEverySession() {
        DashboardAccounts.Session session = DashboardAccounts.signedIn(server, "ada@example.com", "developer");
        TestServer.Reply reset = server.postJson(
                "/v1/accounts/" + session.accountId() + "/password-reset", server.adminAuthorization(), null);
        assertThat(reset.status()).as(reset.body()).isEqualTo(200);
        assertThat(reset.header("Cache-Control")).isEqualTo("no-store");
        String url = reset.json().get("setPasswordUrl").asText();
        assertThat(url).startsWith(server.server.url() + "/#/set-password/");

        assertThat(DashboardAccounts.setPassword(server, DashboardAccounts.token(url), "a brand new password")
                        .status())
                .isEqualTo(204);

        assertThat(session.get(server, "/v1/dashboard/me").status()).isEqualTo(401);
        assertThat(DashboardAccounts.signInReply(server, "ada@example.com", DashboardAccounts.PASSWORD)
                        .status())
                .isEqualTo(401);
        assertThat(DashboardAccounts.signInReply(server, "ada@example.com", "a brand new password")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void anAccountIsCreatedOncePerEmailAndListedForAdmins() {
        DashboardAccounts.create(server, "ada@example.com", "developer");

        TestServer.Reply taken = server.postJson(
                "/v1/accounts", server.adminAuthorization(), "{\"email\":\"ADA@example.com\",\"role\":\"admin\"}");
        TestServer.Reply notAnEmail =
                server.postJson("/v1/accounts", server.adminAuthorization(), "{\"email\":\"ada\"}");
        TestServer.Reply listed =
                server.get("/v1/accounts", java.util.Map.of("Authorization", server.adminAuthorization()));

        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().get("code").asText()).isEqualTo("email-taken");
        assertThat(notAnEmail.json().get("code").asText()).isEqualTo("invalid-email");
        assertThat(listed.json().get("accounts"))
                .extracting(node ->
                        node.get("email").asText() + " " + node.get("role").asText() + " "
                                + node.get("passwordSet").asBoolean())
                .containsExactly("ada@example.com developer false");
    }
}
