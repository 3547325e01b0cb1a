package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: a developer account administers the applications it created or was granted, through every API; any other
 * is the same 404 {@code application-not-found} as one that does not exist.
 */
class WhenADeveloperReachesOnlyItsOwnApplications extends ServerScenario {
    DashboardAccounts.Session alice;
    DashboardAccounts.Session bob;
    String alices;

    @BeforeEach
    void twoDevelopers() {
        alice = DashboardAccounts.signedIn(server, "alice@example.com", "developer");
        bob = DashboardAccounts.signedIn(server, "bob@example.com", "developer");
        TestServer.Reply created = alice.post(server, "/v1/admin/applications", "{\"name\":\"Alice's\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        alices = created.json().get("applicationId").asText();
    }

    /** Every call a developer could make on an application: method, path with {@code %s} for its ID, body. */
    private static List<String[]> applicationCalls() {
        List<String[]> calls = new ArrayList<>();
        calls.add(new String[] {"GET", "/v1/admin/applications/%s", null});
        calls.add(new String[] {"POST", "/v1/admin/applications/%s/rotate-secret", null});
        calls.add(new String[] {"POST", "/v1/admin/applications/%s/retire-secret", null});
        calls.add(new String[] {"POST", "/v1/admin/applications/%s/client-access-token", null});
        calls.add(new String[] {"GET", "/v1/admin/applications/%s/members", null});
        calls.add(new String[] {"GET", "/v1/usage?applicationId=%s", null});
        calls.add(new String[] {"GET", "/v1/channels?applicationId=%s", null});
        calls.add(new String[] {"POST", "/v1/channels?applicationId=%s", "{\"alias\":\"news\"}"});
        calls.add(new String[] {"GET", "/v1/rooms?applicationId=%s", null});
        calls.add(new String[] {"POST", "/v1/rooms?applicationId=%s", "{\"alias\":\"lobby\"}"});
        calls.add(new String[] {"POST", "/v1/edge-tokens?applicationId=%s", "{\"authenticationOnly\":true}"});
        // Last: it deletes the application.
        calls.add(new String[] {"DELETE", "/v1/admin/applications/%s", null});
        return calls;
    }

    private TestServer.Reply call(DashboardAccounts.Session session, String[] call, String applicationId) {
        return session.send(
                server,
                call[0],
                call[1].formatted(applicationId),
                call[0].equals("GET") ? null : session.csrfToken(),
                call[2]);
    }

    @Test
    void anotherDevelopersApplicationIsNotFoundThroughEveryApi() {
        for (String[] call : applicationCalls()) {
            TestServer.Reply other = call(bob, call, alices);
            TestServer.Reply none = call(bob, call, "no-such-application");
            assertThat(other.status()).as(call[0] + " " + call[1]).isEqualTo(404);
            assertThat(other.json().get("code").asText()).as(call[1]).isEqualTo("application-not-found");
            // Not even the message tells another's application from none.
            assertThat(other.body()).as(call[1]).isEqualTo(none.body());
        }
        // Nothing happened to it: still there, its one secret, no channel.
        TestServer.Reply own = alice.get(server, "/v1/admin/applications/" + alices);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("activeSecrets").asInt()).isEqualTo(1);
        assertThat(alice.get(server, "/v1/channels?applicationId=" + alices)
                        .json()
                        .get("channels"))
                .isEmpty();
    }

    @Test
    void itsOwnApplicationAnswersThroughEveryApi() {
        for (String[] call : applicationCalls()) {
            TestServer.Reply reply = call(alice, call, alices);
            assertThat(reply.status())
                    .as(call[0] + " " + call[1] + ": " + reply.body())
                    .isBetween(200, 201);
        }
    }

    @Test
    void theListingHoldsOnlyItsOwnAndAnAdminSeesAll() {
        TestServer.App adminsApp = server.createApplication("Admin's");
        DashboardAccounts.Session admin = DashboardAccounts.signedIn(server, "root@example.com", "admin");

        assertThat(ids(alice.get(server, "/v1/admin/applications"))).containsExactly(alices);
        assertThat(ids(bob.get(server, "/v1/admin/applications"))).isEmpty();
        assertThat(ids(admin.get(server, "/v1/admin/applications"))).containsExactlyInAnyOrder(alices, adminsApp.id());
        assertThat(admin.get(server, "/v1/usage?applicationId=" + alices).status())
                .isEqualTo(200);
    }

    @Test
    void aGrantedMemberReachesTheApplication() {
        TestServer.Reply granted = alice.post(
                server, "/v1/admin/applications/" + alices + "/members", "{\"accountId\":\"" + bob.accountId() + "\"}");
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        assertThat(granted.json().get("members"))
                .extracting(node -> node.get("email").asText())
                .containsExactlyInAnyOrder("alice@example.com", "bob@example.com");

        assertThat(ids(bob.get(server, "/v1/admin/applications"))).containsExactly(alices);
        assertThat(bob.get(server, "/v1/usage?applicationId=" + alices).status())
                .isEqualTo(200);
        TestServer.Reply again = alice.post(
                server, "/v1/admin/applications/" + alices + "/members", "{\"accountId\":\"" + bob.accountId() + "\"}");
        assertThat(again.status()).isEqualTo(200);
        TestServer.Reply nobody =
                alice.post(server, "/v1/admin/applications/" + alices + "/members", "{\"accountId\":\"acc_nobody\"}");
        assertThat(nobody.status()).isEqualTo(404);
        assertThat(nobody.json().get("code").asText()).isEqualTo("account-not-found");
    }

    @Test
    void whatOnlyAnAdminMayDoIsForbiddenToADeveloper() {
        TestServer.Reply accounts = alice.get(server, "/v1/accounts");
        TestServer.Reply create =
                alice.post(server, "/v1/accounts", "{\"email\":\"eve@example.com\",\"role\":\"admin\"}");
        TestServer.Reply rotate = alice.post(server, "/v1/admin/signing-keys/rotate", null);

        for (TestServer.Reply reply : List.of(accounts, create, rotate)) {
            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.json().get("code").asText()).isEqualTo("admin-required");
        }
    }

    @Test
    void anApplicationScopedCallWithoutApplicationIdSaysSo() {
        TestServer.Reply reply = alice.get(server, "/v1/usage");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("code").asText()).isEqualTo("missing-parameter");
    }

    private static List<String> ids(TestServer.Reply listing) {
        assertThat(listing.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (JsonNode application : listing.json().get("applications")) {
            ids.add(application.get("applicationId").asText());
        }
        return ids;
    }
}
