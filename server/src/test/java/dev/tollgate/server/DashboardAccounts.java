package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Accounts and dashboard sessions made as a browser makes them: over HTTP, through the set-password link. */
final class DashboardAccounts {
    static final String PASSWORD = "correct horse battery staple";

    private DashboardAccounts() {}

    /** A signed-in browser: its {@code Cookie} header value and its CSRF token. */
    record Session(String cookie, String csrfToken, JsonNode account) {
        String accountId() {
            return account.get("id").asText();
        }

        /** A request as the dashboard's pages send it: the cookie, and the CSRF token unless {@code csrf} is null. */
        TestServer.Reply send(TestServer server, String method, String path, String csrf, String json) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Cookie", cookie);
            if (csrf != null) {
                headers.put("X-CSRF-Token", csrf);
            }
            if (json != null) {
                headers.put("Content-Type", "application/json");
            }
            return server.send(method, path, headers, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
        }

        TestServer.Reply get(TestServer server, String path) {
            return send(server, "GET", path, null, null);
        }

        TestServer.Reply post(TestServer server, String path, String json) {
            return send(server, "POST", path, csrfToken, json);
        }
    }

    /** Creates an account with the admin credential; the token of its set-password link. */
    static String create(TestServer server, String email, String role) {
        TestServer.Reply created = server.postJson(
                "/v1/accounts", server.adminAuthorization(), "{\"email\":\"" + email + "\",\"role\":\"" + role + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return token(created.json().get("setPasswordUrl").asText());
    }

    /** The token of a set-password URL ({@code <server>/#/set-password/<token>}). */
    static String token(String setPasswordUrl) {
        String marker = "/#/set-password/";
        assertThat(setPasswordUrl).contains(marker);
        return setPasswordUrl.substring(setPasswordUrl.indexOf(marker) + marker.length());
    }

    static TestServer.Reply setPassword(TestServer server, String token, String password) {
        return server.postJson(
                "/v1/dashboard/set-password", null, "{\"token\":\"" + token + "\",\"password\":\"" + password + "\"}");
    }

    static TestServer.Reply signInReply(TestServer server, String email, String password) {
        return server.postJson(
                "/v1/dashboard/sign-in", null, "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    }

    static Session signIn(TestServer server, String email, String password) {
        TestServer.Reply reply = signInReply(server, email, password);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        String setCookie = reply.header("Set-Cookie");
        return new Session(
                setCookie.substring(0, setCookie.indexOf(';')),
                reply.json().get("csrfToken").asText(),
                reply.json().get("account"));
    }

    /** An account with {@link #PASSWORD}, signed in. */
    static Session signedIn(TestServer server, String email, String role) {
        TestServer.Reply set = setPassword(server, create(server, email, role), PASSWORD);
        assertThat(set.status()).as(set.body()).isEqualTo(204);
        return signIn(server, email, PASSWORD);
    }
}
