package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import dev.tollgate.token.TokenBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/token-refs}: a short server-side reference to a verified DIGEST token, for URLs a full token does
 * not fit (nginx-rtmp's 255-byte name + query, ffmpeg's {@code /} and {@code +}), and the reference accepted wherever
 * a token is.
 */
class WhenReferringToATokenByReference extends ServerScenario {
    App app;
    String token;
    Instant expires;

    @BeforeEach
    void mintAToken() {
        app = server.createApplication("refs");
        expires = clock.instant().plus(Duration.ofMinutes(10)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        token = edgeToken(app.secret(), expires);
    }

    String edgeToken(String secret, Instant expiresAt) {
        return new TokenBuilder()
                .withApplicationId(app.id())
                .withSecret(secret)
                .expiresAt(expiresAt)
                .forChannelAlias("news")
                .applyTag("customer:42")
                .build();
    }

    Reply create(String token) {
        return server.postJson("/v1/token-refs", null, "{\"token\":\"" + token + "\"}");
    }

    Reply verify(String tokenOrRef, String request) {
        return server.postJson(
                "/v1/tokens/verify",
                null,
                "{\"token\":\"" + tokenOrRef + "\"" + (request == null ? "" : ",\"request\":" + request) + "}");
    }

    Reply openSession(String tokenOrRef) {
        return server.postJson("/v1/sessions", "Bearer " + tokenOrRef, null);
    }

    @Test
    void aVerifiedTokenGetsAReferenceThatFitsAnRtmpUrl() {
        Reply reply = create(token);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        String ref = reply.json().get("ref").asText();
        assertThat(ref).matches("tgr_[A-Za-z0-9_-]{22}");
        assertThat(reply.json().get("applicationId").asText()).isEqualTo(app.id());
        assertThat(reply.json().get("expiresAt").asLong()).isEqualTo(expires.toEpochMilli());
        // nginx-rtmp: stream name + query at most 255 bytes; the token itself does not fit.
        assertThat(("camera-1?token=" + ref).getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(255);
        assertThat(token.length()).isGreaterThan(255);
    }

    @Test
    void theSameTokenGivesTheSameReference() {
        Reply first = create(token);
        Reply second = create(token);
        Reply other = create(edgeToken(app.secret(), expires.plusSeconds(1)));

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("ref").asText())
                .isEqualTo(first.json().get("ref").asText());
        assertThat(other.status()).isEqualTo(201);
        assertThat(other.json().get("ref").asText())
                .isNotEqualTo(first.json().get("ref").asText());
    }

    @Test
    void theReferenceVerifiesAsTheTokenWould() {
        String ref = create(token).json().get("ref").asText();

        Reply tokenOnly = verify(ref, null);
        Reply subscribe = verify(ref, "{\"action\":\"subscribe\",\"channel\":{\"id\":\"c1\",\"alias\":\"news\"}}");
        Reply publish = verify(ref, "{\"action\":\"publish\",\"channel\":{\"id\":\"c1\",\"alias\":\"news\"}}");

        assertThat(tokenOnly.json().get("code").asText()).isEqualTo("allowed");
        assertThat(tokenOnly.json().get("claims").get("requiredTag").asText()).isEqualTo("channelAlias:news");
        assertThat(subscribe.json().get("decision").asText()).isEqualTo("allowed");
        assertThat(publish.json().get("code").asText()).isEqualTo("wrong-token-type");
    }

    @Test
    void theReferenceOpensASessionAsTheTokenWould() {
        String ref = create(token).json().get("ref").asText();

        Reply session = openSession(ref);

        assertThat(session.status()).isEqualTo(201);
        assertThat(session.json().get("applicationId").asText()).isEqualTo(app.id());
        assertThat(session.json().get("tags").toString()).isEqualTo("[\"customer:42\"]");
    }

    @Test
    void anExpiredReferenceIsRefusedLikeAnExpiredToken() {
        String ref = create(token).json().get("ref").asText();
        clock.advance(Duration.ofMinutes(10).plusSeconds(61)); // past expires + the default 60 s skew

        Reply verified = verify(ref, null);
        Reply session = openSession(ref);
        Reply again = create(token);

        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.json().get("decision").asText()).isEqualTo("denied");
        assertThat(verified.json().get("code").asText()).isEqualTo("unknown-token-ref");
        assertThat(session.status()).isEqualTo(401);
        assertThat(session.json().get("code").asText()).isEqualTo("unknown-token-ref");
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.json().get("code").asText()).isEqualTo("expired");
    }

    @Test
    void anUnknownOrMalformedReferenceIsRefusedNeverAnError() {
        for (String ref : new String[] {"tgr_AAAAAAAAAAAAAAAAAAAAAA", "tgr_short", "tgr_"}) {
            Reply verified = verify(ref, "{\"action\":\"authenticate\",\"applicationId\":\"" + app.id() + "\"}");
            Reply session = openSession(ref);

            assertThat(verified.status()).isEqualTo(200);
            assertThat(verified.json().get("code").asText()).isEqualTo("unknown-token-ref");
            assertThat(session.status()).isEqualTo(401);
            assertThat(session.json().get("code").asText()).isEqualTo("unknown-token-ref");
            assertThat(session.header("WWW-Authenticate")).contains("invalid_token");
        }
    }

    @Test
    void aTokenThatDoesNotVerifyGetsNoReference() {
        String forged = edgeToken("not-the-secret", expires);
        String expired = edgeToken(app.secret(), clock.instant().minus(Duration.ofMinutes(5)));

        Reply badDigest = create(forged);
        Reply tooOld = create(expired);
        Reply notAToken = create("hello");
        Reply aReference = create(create(token).json().get("ref").asText());

        assertThat(badDigest.status()).isEqualTo(401);
        assertThat(badDigest.json().get("code").asText()).isEqualTo("bad-digest");
        assertThat(tooOld.status()).isEqualTo(401);
        assertThat(tooOld.json().get("code").asText()).isEqualTo("expired");
        assertThat(notAToken.status()).isEqualTo(400);
        assertThat(notAToken.json().get("code").asText()).isEqualTo("not-a-digest-token");
        assertThat(aReference.status()).isEqualTo(400);
        assertThat(aReference.json().get("code").asText()).isEqualTo("not-a-digest-token");
    }

    @Test
    void aTokenOfAnUnknownApplicationGetsNoReference() {
        String unknown = new TokenBuilder()
                .withApplicationId("no-such-app")
                .withSecret("secret")
                .expiresAt(expires)
                .build();

        Reply reply = create(unknown);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("code").asText()).isEqualTo("unknown-application");
    }

    @Test
    void aStoredReferenceThatNoLongerOpensIsReplacedRatherThanFailingForever() {
        String damaged = create(token).json().get("ref").asText();
        // As after a master-key mix-up or a damaged row: the sealed reference does not open any more.
        assertThat(server.sql("UPDATE token_refs SET sealed_ref = 'damaged'")).isEqualTo(1);

        Reply first = create(token);
        Reply second = create(token);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        String replaced = first.json().get("ref").asText();
        assertThat(replaced).isNotEqualTo(damaged);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("ref").asText()).isEqualTo(replaced);
        assertThat(verify(replaced, "{\"action\":\"subscribe\",\"channel\":{\"id\":\"c1\",\"alias\":\"news\"}}")
                        .json()
                        .get("decision")
                        .asText())
                .isEqualTo("allowed");
    }

    @Test
    void neitherTheTokenNorTheReferenceIsStoredInClear() throws Exception {
        String ref = create(token).json().get("ref").asText();
        server.close();

        ServerConfig config = server.config;
        String url = config.databaseUrl()
                .orElse("jdbc:h2:file:" + dataDirectory.toAbsolutePath().resolve("tollgate"));
        StringBuilder row = new StringBuilder();
        try (var connection = java.sql.DriverManager.getConnection(
                        url,
                        config.databaseUser().orElse("sa"),
                        config.databasePassword().orElse(""));
                var rs = connection.createStatement().executeQuery("SELECT * FROM token_refs")) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    row.append(rs.getString(i)).append('|');
                }
            }
        }

        assertThat(row.toString())
                .contains(app.id())
                .doesNotContain(token)
                .doesNotContain(token.substring("DIGEST:".length(), 60))
                .doesNotContain(ref)
                .doesNotContain(ref.substring(4));
    }
}
