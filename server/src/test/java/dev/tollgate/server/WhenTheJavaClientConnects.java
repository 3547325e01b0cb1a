package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.client.AccessToken;
import dev.tollgate.client.Credentials;
import dev.tollgate.client.EdgeToken;
import dev.tollgate.client.Explanation;
import dev.tollgate.client.OpenedSession;
import dev.tollgate.client.ParticipantInfo;
import dev.tollgate.client.TokenRef;
import dev.tollgate.client.TokenSpec;
import dev.tollgate.client.TollgateClient;
import dev.tollgate.client.TollgateException;
import dev.tollgate.client.VerifyRequest;
import dev.tollgate.server.TestServer.App;
import dev.tollgate.token.SecretResolver;
import dev.tollgate.token.TokenVerifier;
import dev.tollgate.token.Verified;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The project's Java SDK ({@code tollgate-client}) against the real server: every call it makes, end to end. */
class WhenTheJavaClientConnects extends ServerScenario {
    App app;
    TollgateClient client;

    @BeforeEach
    void connect() {
        app = server.createApplication("sdk");
        client = TollgateClient.builder().baseUrl(server.server.url()).build();
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void itGetsAReferenceThatStandsForTheTokenInAnRtmpUrl() {
        EdgeToken edge = client.edgeToken(
                Credentials.basic(app.id(), app.secret()),
                TokenSpec.builder()
                        .expiresIn(Duration.ofMinutes(5))
                        .forChannelAlias("news")
                        .build());

        TokenRef ref = client.tokenRef(edge.token());
        TokenRef again = client.tokenRef(edge.token());
        Explanation viaRef = client.verify(
                ref.ref(),
                VerifyRequest.builder().subscribe().channel("ch-1", "news").build());
        OpenedSession session = client.openSession(ref.ref(), ParticipantInfo.named("Encoder"));

        assertThat(ref.ref()).matches("tgr_[A-Za-z0-9_-]{22}");
        assertThat(again).isEqualTo(ref);
        assertThat(ref.applicationId()).isEqualTo(app.id());
        assertThat(ref.expiresAt())
                .isBetween(
                        clock.instant().plus(Duration.ofMinutes(5)).minusSeconds(1),
                        clock.instant().plus(Duration.ofMinutes(5)).plusSeconds(1));
        assertThat(("camera-1?token=" + ref.ref()).length()).isLessThanOrEqualTo(255);
        assertThat(ref.toString()).doesNotContain(ref.ref());
        assertThat(viaRef.allowed()).isTrue();
        assertThat(session.sessionId()).isNotBlank();
        assertThatThrownBy(() -> client.tokenRef("DIGEST:not-a-token"))
                .isInstanceOfSatisfying(TollgateException.class, e -> {
                    assertThat(e.code()).isEqualTo("bad-token");
                    assertThat(e.status()).contains(400);
                });
    }

    @Test
    void itObtainsAnApiTokenAClientAccessTokenAndOpensASessionAsTheTokensParticipant() {
        AccessToken api =
                client.apiToken(app.id(), app.secret(), Duration.ofMinutes(10), "comms:client_access_token:create");
        AccessToken access = client.clientAccessToken(
                api.accessToken(), List.of("conf:create", "session:update"), "alice@example.com", Duration.ofHours(1));
        OpenedSession session =
                client.openSession(access.accessToken(), ParticipantInfo.of("mallory@example.com", "Mallory"));

        assertThat(api.expiresIn()).isEqualTo(Duration.ofMinutes(10));
        assertThat(api.scopes()).containsExactly("comms:client_access_token:create");
        assertThat(access.scopes()).containsExactly("conf:create", "session:update");
        assertThat(session.participant().externalId()).contains("alice@example.com");
        assertThat(session.participant().name()).isEmpty();
        assertThat(session.sessionId()).isNotBlank();
        assertThat(session.identityFromToken()).isTrue();
    }

    @Test
    void itExplainsWhyTheEdgeWouldRefuseAToken() {
        EdgeToken edge = client.edgeToken(
                Credentials.basic(app.id(), app.secret()),
                TokenSpec.builder()
                        .expiresIn(Duration.ofMinutes(5))
                        .forStreamingOnly()
                        .forChannelAlias("news")
                        .build());

        Explanation allowed = client.verify(
                edge.token(),
                VerifyRequest.builder().subscribe().channel("ch-1", "news").build());
        Explanation denied = client.verify(
                edge.token(),
                VerifyRequest.builder().publish().channel("ch-1", "news").build());
        Explanation tokenOnly = client.verify(edge.token(), VerifyRequest.tokenOnly());

        assertThat(allowed.allowed()).isTrue();
        assertThat(allowed.code()).isEqualTo("allowed");
        assertThat(allowed.trace()).isNotEmpty();
        assertThat(allowed.claimsJson().orElseThrow()).contains("channelAlias:news");
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.code()).isEqualTo("wrong-token-type");
        assertThat(denied.trace())
                .anySatisfy(check -> assertThat(check.outcome()).isEqualTo("fail"));
        assertThat(tokenOnly.code()).isEqualTo("allowed");
    }

    @Test
    void itMintsAnEdgeTokenThatVerifiesWithTheApplicationSecret() {
        EdgeToken edge = client.edgeToken(
                Credentials.basic(app.id(), app.secret()),
                TokenSpec.builder()
                        .expiresIn(Duration.ofMinutes(5))
                        .forStreamingOnly()
                        .forChannelAlias("news")
                        .build());

        assertThat(TokenVerifier.builder()
                        .secrets(SecretResolver.of(app.id(), app.secret()))
                        .build()
                        .verify(edge.token()))
                .isInstanceOf(Verified.class);
        assertThat(edge.claimsJson()).contains("\"requiredTag\":\"channelAlias:news\"");
        assertThat(edge.warnings()).isEmpty();
    }
}
