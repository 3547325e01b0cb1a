package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 13: every state-changing request a browser session authenticates carries the session's CSRF token. */
class WhenADashboardChangeLacksItsCsrfToken extends ServerScenario {
    @Test
    void aChangeWithoutTheTokenIsRefusedAndChangesNothing() {
        DashboardAccounts.Session admin = DashboardAccounts.signedIn(server, "ada@example.com", "admin");

        TestServer.Reply missing = admin.send(server, "POST", "/v1/admin/applications", null, "{\"name\":\"Forged\"}");

        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.json().get("code").asText()).isEqualTo("csrf-token-missing");
        assertThat(admin.get(server, "/v1/admin/applications").json().get("applications"))
                .isEmpty();
    }

    @Test
    void anotherSessionsTokenIsRefused() {
        DashboardAccounts.Session admin = DashboardAccounts.signedIn(server, "ada@example.com", "admin");
        DashboardAccounts.Session other =
                DashboardAccounts.signIn(server, "ada@example.com", DashboardAccounts.PASSWORD);

        TestServer.Reply wrong =
                admin.send(server, "POST", "/v1/admin/applications", other.csrfToken(), "{\"name\":\"Forged\"}");
        TestServer.Reply madeUp = admin.send(server, "DELETE", "/v1/admin/applications/x", "made-up", null);
        TestServer.Reply signOut = admin.send(server, "POST", "/v1/dashboard/sign-out", null, null);

        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.json().get("code").asText()).isEqualTo("csrf-token-invalid");
        assertThat(madeUp.json().get("code").asText()).isEqualTo("csrf-token-invalid");
        assertThat(signOut.json().get("code").asText()).isEqualTo("csrf-token-missing");
        assertThat(admin.get(server, "/v1/dashboard/me").status()).isEqualTo(200);
    }

    @Test
    void withItsTokenTheSessionActsAsTheAdminCredential() {
        DashboardAccounts.Session admin = DashboardAccounts.signedIn(server, "ada@example.com", "admin");

        TestServer.Reply created = admin.post(server, "/v1/admin/applications", "{\"name\":\"Signed in\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("applicationId").asText();
        TestServer.App byCredential = server.createApplication("By credential");

        assertThat(admin.get(server, "/v1/admin/applications").json().get("applications"))
                .extracting(node -> node.get("applicationId").asText())
                .containsExactlyInAnyOrder(id, byCredential.id());
        assertThat(admin.get(server, "/v1/usage?applicationId=" + byCredential.id())
                        .status())
                .isEqualTo(200);
        assertThat(admin.post(server, "/v1/admin/applications/" + id + "/client-access-token", null)
                        .status())
                .isEqualTo(200);
        assertThat(admin.post(server, "/v1/admin/signing-keys/rotate", null).status())
                .isEqualTo(200);
    }

    @Test
    void aBackendCallWithAnAuthorizationHeaderIgnoresTheCookie() {
        DashboardAccounts.Session admin = DashboardAccounts.signedIn(server, "ada@example.com", "admin");
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("Cookie", admin.cookie());
        headers.put("Content-Type", "application/json");
        headers.put("Authorization", server.adminAuthorization());

        TestServer.Reply created = server.send(
                "POST",
                "/v1/admin/applications",
                headers,
                "{\"name\":\"Backend\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(created.status()).isEqualTo(201);
    }
}
