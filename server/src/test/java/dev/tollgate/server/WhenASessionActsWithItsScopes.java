package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Session scopes are enforced on what a session does: conferences, notifications, renaming. */
class WhenASessionActsWithItsScopes extends ServerScenario {
    App app;
    String apiToken;

    @BeforeEach
    void obtainAnApiToken() {
        app = server.createApplication("demo");
        apiToken = server.apiToken(app, null);
    }

    String clientToken(String body) {
        return server.clientAccessToken(apiToken, body);
    }

    String open(String token) {
        Reply reply = server.postJson("/v1/sessions", "Bearer " + token, null);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().get("sessionId").asText();
    }

    Reply send(String method, String path, String token, String json) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + token);
        if (json != null) {
            headers.put("Content-Type", "application/json");
        }
        return server.send(method, path, headers, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aConferenceIsCreatedOnlyWithConfCreateAndItsAliasIsUniquePerApplication() {
        String creator = clientToken("{\"externalId\":\"alice\",\"sessionScope\":\"conf:create\"}");
        String viewer = clientToken("{\"externalId\":\"bob\",\"sessionScope\":\"notifications:set\"}");
        String creatorSession = open(creator);
        String viewerSession = open(viewer);

        Reply refused = send("POST", "/v1/sessions/" + viewerSession + "/conferences", viewer, "{\"alias\":\"daily\"}");
        Reply created =
                send("POST", "/v1/sessions/" + creatorSession + "/conferences", creator, "{\"alias\":\"daily\"}");
        Reply again = send("POST", "/v1/sessions/" + creatorSession + "/conferences", creator, "{\"alias\":\"daily\"}");
        Reply withoutAlias = send("POST", "/v1/sessions/" + creatorSession + "/conferences", creator, null);
        Reply secondWithoutAlias = send("POST", "/v1/sessions/" + creatorSession + "/conferences", creator, "{}");
        Reply badAlias =
                send("POST", "/v1/sessions/" + creatorSession + "/conferences", creator, "{\"alias\":\" x \"}");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asText()).isEqualTo("insufficient-scope");
        assertThat(refused.header("WWW-Authenticate")).contains("scope=\"conf:create\"");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("conferenceId").asText()).isNotBlank();
        assertThat(created.json().get("applicationId").asText()).isEqualTo(app.id());
        assertThat(created.json().get("alias").asText()).isEqualTo("daily");
        assertThat(created.json().get("createdBy").asText()).isEqualTo(creatorSession);
        assertThat(created.json().get("createdAt").asText()).isNotBlank();
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("conference-alias-taken");
        assertThat(withoutAlias.status()).as(withoutAlias.body()).isEqualTo(201);
        assertThat(withoutAlias.json().has("alias")).isFalse();
        assertThat(secondWithoutAlias.status()).isEqualTo(201);
        assertThat(badAlias.status()).isEqualTo(400);
        assertThat(badAlias.json().get("code").asText()).isEqualTo("invalid-alias");
    }

    @Test
    void anotherApplicationMayUseTheSameAlias() {
        String token = clientToken("{\"sessionScope\":\"conf:create\"}");
        App other = server.createApplication("other");
        Reply otherToken = server.postJson(
                "/v2/client-access-token", "Bearer " + server.apiToken(other, null), "{\"sessionScope\":\"*\"}");
        String otherClient = otherToken.json().get("access_token").asText();

        Reply mine = send("POST", "/v1/sessions/" + open(token) + "/conferences", token, "{\"alias\":\"standup\"}");
        Reply theirs = send(
                "POST", "/v1/sessions/" + open(otherClient) + "/conferences", otherClient, "{\"alias\":\"standup\"}");

        assertThat(mine.status()).isEqualTo(201);
        assertThat(theirs.status()).as(theirs.body()).isEqualTo(201);
    }

    @Test
    void aSubscribedSessionPullsTheEventsItChoseAndOnlyWithNotificationsSet() {
        String listener = clientToken("{\"externalId\":\"lee\",\"sessionScope\":\"notifications:set conf:create\"}");
        String actor = clientToken("{\"externalId\":\"ann\",\"sessionScope\":\"conf:create session:update\"}");
        String listenerSession = open(listener);
        String actorSession = open(actor);
        String notifications = "/v1/sessions/" + listenerSession + "/notifications";

        Reply noScope = send(
                "PUT",
                "/v1/sessions/" + actorSession + "/notifications",
                actor,
                "{\"events\":[\"conference.created\"]}");
        Reply noScopeRead = send("GET", "/v1/sessions/" + actorSession + "/notifications", actor, null);
        Reply unknown = send("PUT", notifications, listener, "{\"events\":[\"conference.created\",\"x.y\"]}");
        Reply subscribed = send("PUT", notifications, listener, "{\"events\":[\"conference.created\"]}");
        send("POST", "/v1/sessions/" + actorSession + "/conferences", actor, "{\"alias\":\"one\"}");
        send("PATCH", "/v1/sessions/" + actorSession, actor, "{\"name\":\"Ann\"}");
        send("POST", "/v1/sessions/" + actorSession + "/conferences", actor, "{\"alias\":\"two\"}");
        Reply firstPage = send("GET", notifications + "?limit=1", listener, null);
        Reply rest = send(
                "GET", notifications + "?after=" + firstPage.json().get("next").asLong(), listener, null);
        Reply both =
                send("PUT", notifications, listener, "{\"events\":[\"conference.created\",\"participant.updated\"]}");
        Reply all = send("GET", notifications, listener, null);
        Reply badAfter = send("GET", notifications + "?after=abc", listener, null);

        assertThat(noScope.status()).isEqualTo(403);
        assertThat(noScope.json().get("code").asText()).isEqualTo("insufficient-scope");
        assertThat(noScopeRead.status()).isEqualTo(403);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("code").asText()).isEqualTo("unknown-event");
        assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(200);
        assertThat(subscribed.json().get("events").toString()).isEqualTo("[\"conference.created\"]");
        assertThat(firstPage.status()).as(firstPage.body()).isEqualTo(200);
        assertThat(firstPage.json().get("events")).hasSize(1);
        assertThat(firstPage.json().get("events").get(0).get("type").asText()).isEqualTo("conference.created");
        assertThat(firstPage
                        .json()
                        .get("events")
                        .get(0)
                        .get("data")
                        .get("alias")
                        .asText())
                .isEqualTo("one");
        assertThat(firstPage.json().get("more").asBoolean()).isTrue();
        assertThat(rest.json().get("events")).hasSize(1);
        assertThat(rest.json().get("events").get(0).get("data").get("alias").asText())
                .isEqualTo("two");
        assertThat(rest.json().get("more").asBoolean()).isFalse();
        assertThat(both.status()).isEqualTo(200);
        assertThat(all.json().get("events")).hasSize(3);
        assertThat(all.json().get("events").get(1).get("type").asText()).isEqualTo("participant.updated");
        assertThat(all.json().get("events").get(1).get("data").get("name").asText())
                .isEqualTo("Ann");
        assertThat(all.json().get("events").get(1).get("data").get("externalId").asText())
                .isEqualTo("ann");
        assertThat(badAfter.status()).isEqualTo(400);
    }

    @Test
    void anotherApplicationsEventsAreNotSeen() {
        String listener = clientToken("{\"sessionScope\":\"notifications:set\"}");
        String listenerSession = open(listener);
        App other = server.createApplication("other");
        String otherClient = server.postJson(
                        "/v2/client-access-token", "Bearer " + server.apiToken(other, null), "{\"sessionScope\":\"*\"}")
                .json()
                .get("access_token")
                .asText();
        send(
                "PUT",
                "/v1/sessions/" + listenerSession + "/notifications",
                listener,
                "{\"events\":[\"conference.created\"]}");
        send("POST", "/v1/sessions/" + open(otherClient) + "/conferences", otherClient, "{\"alias\":\"theirs\"}");

        Reply read = send("GET", "/v1/sessions/" + listenerSession + "/notifications", listener, null);

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("events")).isEmpty();
    }

    @Test
    void aTokenWithoutTheExternalIdCannotActOnAnUnverifiedSession() {
        // The audit's case: bob's session, opened without an external ID and without session:update.
        String bob = clientToken("{\"sessionScope\":\"conf:create\"}");
        String bobSession = server.postJson("/v1/sessions", "Bearer " + bob, "{\"participant\":{\"name\":\"bob\"}}")
                .json()
                .get("sessionId")
                .asText();
        String carol = clientToken("{\"externalId\":\"carol\",\"sessionScope\":\"session:update conf:create\"}");
        String anonymous = clientToken("{\"sessionScope\":\"*\"}");

        Reply byCarol = send("PATCH", "/v1/sessions/" + bobSession, carol, "{\"name\":\"pwned\"}");
        Reply byAnonymous = send("PATCH", "/v1/sessions/" + bobSession, anonymous, "{\"name\":\"pwned\"}");
        Reply conferenceByCarol = send("POST", "/v1/sessions/" + bobSession + "/conferences", carol, null);
        Reply byBob = send("PATCH", "/v1/sessions/" + bobSession, bob, "{\"name\":\"Bob\"}");
        Reply conferenceByBob = send("POST", "/v1/sessions/" + bobSession + "/conferences", bob, null);

        assertThat(byCarol.status()).isEqualTo(403);
        assertThat(byCarol.json().get("code").asText()).isEqualTo("not-your-session");
        assertThat(byAnonymous.status()).isEqualTo(403);
        assertThat(byAnonymous.json().get("code").asText()).isEqualTo("not-your-session");
        assertThat(conferenceByCarol.json().get("code").asText()).isEqualTo("not-your-session");
        // The opener itself may not rename either: the session was opened without session:update.
        assertThat(byBob.status()).isEqualTo(403);
        assertThat(byBob.json().get("code").asText()).isEqualTo("insufficient-scope");
        assertThat(conferenceByBob.status()).isEqualTo(201);
    }

    @Test
    void aLaterTokenWithSessionUpdateDoesNotWidenTheSessionsScope() {
        String narrow = clientToken("{\"externalId\":\"dave\",\"sessionScope\":\"conf:create\"}");
        String wide = clientToken("{\"externalId\":\"dave\",\"sessionScope\":\"session:update\"}");
        String sessionId = open(narrow);

        Reply reply = send("PATCH", "/v1/sessions/" + sessionId, wide, "{\"name\":\"Dave\"}");

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().get("code").asText()).isEqualTo("insufficient-scope");
    }

    @Test
    void theSameParticipantWithARefreshedTokenMayRenameItsSession() {
        String first = clientToken("{\"externalId\":\"erin\",\"sessionScope\":\"session:update\"}");
        String refreshed = clientToken("{\"externalId\":\"erin\",\"sessionScope\":\"session:update\"}");
        String sessionId = open(first);

        Reply reply = send("PATCH", "/v1/sessions/" + sessionId, refreshed, "{\"name\":\"Erin\"}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("participant").get("name").asText()).isEqualTo("Erin");
    }
}
