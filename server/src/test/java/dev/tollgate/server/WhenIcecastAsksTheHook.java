package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import dev.tollgate.token.TokenBuilder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /hooks/icecast} over real HTTP, on H2 and on PostgreSQL, with the forms Icecast 2.4.4 posts (recorded
 * from the real {@code icecast2}: lower-case percent-escapes, the listener's query inside {@code mount}). Icecast
 * ignores the status, so what is asserted is the header: {@code icecast-auth-user: 1} on an admission and never on a
 * refusal, and never an {@code icecast-auth-timelimit}.
 */
class WhenIcecastAsksTheHook extends ServerScenario {
    App app;

    @BeforeEach
    void createTheChannel() {
        app = server.createApplication("radio");
        assertThat(server.postJson("/v1/channels", app.basic(), "{\"alias\":\"news\"}")
                        .status())
                .isEqualTo(201);
    }

    private String token(TokenBuilder builder) {
        return builder.withApplicationId(app.id())
                .withSecret(app.secret())
                .expiresAt(clock.instant().plus(Duration.ofMinutes(10)))
                .forChannelAlias("news")
                .build();
    }

    private String reference(String token) {
        return server.postJson("/v1/token-refs", null, "{\"token\":\"" + token + "\"}")
                .json()
                .get("ref")
                .asText();
    }

    private Reply icecast(String query, String form) {
        return server.postForm("/hooks/icecast" + query, null, form);
    }

    /** A form value as Icecast's {@code util_url_escape} writes it: every byte but letters and digits escaped. */
    private static String escaped(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            if (b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9') {
                out.append((char) b);
            } else {
                out.append(String.format("%%%02x", b & 0xff));
            }
        }
        return out.toString();
    }

    private Reply listenerAdd(String client, String mount) {
        return icecast(
                "?application=" + app.id(),
                "action=listener_add&server=127%2e0%2e0%2e1&port=8000&client=" + client + "&mount=" + escaped(mount)
                        + "&user=&pass=&ip=127%2e0%2e0%2e1&agent=curl%2f7%2e88%2e1");
    }

    private JsonNode liveStreams() {
        return server.get("/v1/channels/news", Map.of("Authorization", app.basic()))
                .json()
                .get("liveStreams");
    }

    @Test
    void aListenerWithATokenInItsQueryIsAdmittedByTheHeaderAloneWithNoTimeLimit() {
        String query = "/news.ogg?token=" + URLEncoder.encode(token(new TokenBuilder()), StandardCharsets.UTF_8);

        Reply admitted = listenerAdd("1", query);

        assertThat(admitted.status()).isEqualTo(200);
        assertThat(admitted.header("icecast-auth-user")).isEqualTo("1");
        assertThat(admitted.response().headers().map()).doesNotContainKey("icecast-auth-timelimit");
    }

    @Test
    void aRefusedListenerNeverGetsTheAdmittingHeaderWhateverTheReason() {
        Reply anonymous = listenerAdd("1", "/news.ogg");
        Reply otherChannel = listenerAdd("2", "/sports.ogg?token=" + reference(token(new TokenBuilder())));
        Reply publishToken =
                listenerAdd("3", "/news.ogg?token=" + reference(token(new TokenBuilder().forPublishingOnly())));
        Reply malformed = icecast("?application=" + app.id(), "action=listener_add&mount=%2fnews%zz");
        Reply noApplication = icecast("", "action=listener_add&server=h&port=1&client=4&mount=%2fnews%2eogg");

        for (Reply refused : new Reply[] {anonymous, otherChannel, publishToken, malformed, noApplication}) {
            assertThat(refused.header("icecast-auth-user")).as(refused.body()).isNull();
            assertThat(refused.status()).isIn(400, 401, 403);
        }
        assertThat(anonymous.header("icecast-auth-message")).isEqualTo("missing-token");
        assertThat(otherChannel.header("icecast-auth-message")).isEqualTo("unknown-channel");
        assertThat(publishToken.header("icecast-auth-message")).isEqualTo("wrong-token-type");
        assertThat(malformed.header("icecast-auth-message")).isEqualTo("malformed-form");
        assertThat(noApplication.header("icecast-auth-message")).isEqualTo("invalid-hook-url");
    }

    @Test
    void aSourceIsAdmittedByItsPasswordAndItsStreamEndsWithTheMount() {
        String mount = "&mount=%2fnews%2eogg&server=127%2e0%2e0%2e1&port=8000";
        Reply source = icecast(
                "?application=" + app.id(),
                "action=stream_auth" + mount + "&ip=127%2e0%2e0%2e1&user=source&pass="
                        + escaped(reference(token(new TokenBuilder().forPublishingOnly()))));
        Reply added = icecast("?application=" + app.id(), "action=mount_add" + mount);

        assertThat(source.header("icecast-auth-user")).isEqualTo("1");
        assertThat(added.status()).isEqualTo(200);
        assertThat(liveStreams()).hasSize(1);

        Reply removed = icecast("?application=" + app.id(), "action=mount_remove" + mount);

        assertThat(removed.status()).isEqualTo(200);
        assertThat(liveStreams()).isEmpty();
    }

    @Test
    void aStreamTokenCannotAuthenticateASource() {
        Reply source = icecast(
                "?application=" + app.id(),
                "action=stream_auth&mount=%2fnews%2eogg&server=h&port=1&ip=127%2e0%2e0%2e1&user=source&pass="
                        + escaped(reference(token(new TokenBuilder()))));

        assertThat(source.header("icecast-auth-user")).isNull();
        assertThat(source.header("icecast-auth-message")).isEqualTo("wrong-token-type");
        assertThat(liveStreams()).isEmpty();
    }

    @Test
    void theFirstActionOfARepeatedFieldWins() {
        Reply reply = icecast(
                "?application=" + app.id(),
                "action=mount_add&mount=%2fnews%2eogg&server=h&port=1&action=stream_auth&pass=x");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("acknowledged").asText()).isEqualTo("mount_add");
        assertThat(liveStreams()).isEmpty();
    }
}
