package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.client.RevocationFeedClient;
import dev.tollgate.edge.AccessRequest;
import dev.tollgate.edge.Decision;
import dev.tollgate.edge.EdgePolicy;
import dev.tollgate.edge.Target;
import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import dev.tollgate.token.SecretResolver;
import dev.tollgate.token.TokenBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A custom Java edge verifies offline with the edge module and keeps the revocation list in memory with the SDK's
 * {@link RevocationFeedClient}, which follows {@code GET /v1/revocations/feed} (edge credential). A real server on
 * port 0; the staleness is measured on the test's clock.
 */
class WhenAnEmbeddedEdgeFollowsTheRevocationFeed extends ServerScenario {
    static final Duration POLL = Duration.ofMillis(200);
    static final Target.Channel CHANNEL = Target.channel("c1", "news");

    App app;
    String vip;
    String regular;

    @BeforeEach
    void mintTokens() {
        app = server.createApplication("embedded");
        vip = token("vip");
        regular = token("regular");
    }

    String token(String tag) {
        return new TokenBuilder()
                .withApplicationId(app.id())
                .withSecret(app.secret())
                .withClock(clock)
                .expiresIn(Duration.ofHours(1))
                .forStreamingOnly()
                .forChannelAlias("news")
                .applyTag(tag)
                .build();
    }

    RevocationFeedClient.Builder feed() {
        return RevocationFeedClient.builder(server.server.url(), server.edge)
                .pollInterval(POLL)
                .clock(clock);
    }

    EdgePolicy policy(RevocationFeedClient feed) {
        return EdgePolicy.builder()
                .secrets(SecretResolver.of(Map.of(app.id(), List.of(app.secret()))))
                .clock(clock)
                .revocations(feed)
                .build();
    }

    String outcome(EdgePolicy policy, String token) {
        Decision decision = policy.decide(
                token,
                AccessRequest.builder()
                        .applicationId(app.id())
                        .time(clock.instant())
                        .subscribe(CHANNEL)
                        .build());
        return switch (decision) {
            case dev.tollgate.edge.Allowed allowed -> "allowed";
            case dev.tollgate.edge.Denied denied -> denied.code().code();
        };
    }

    Reply revokeTag(String tag) {
        return server.postJson("/v1/revocations", app.basic(), "{\"kind\":\"tag\",\"value\":\"" + tag + "\"}");
    }

    @Test
    void aRevocationReachesTheEdgeWithinOnePollInterval() {
        try (RevocationFeedClient feed = feed().start()) {
            EdgePolicy policy = policy(feed);
            assertThat(outcome(policy, vip)).isEqualTo("allowed");

            assertThat(revokeTag("vip").status()).isEqualTo(201);
            Duration delay = WhenChangesReachEveryNode.delayUntil(() -> "revoked".equals(outcome(policy, vip)));

            System.out.printf(
                    "revocation feed: the embedded edge refused %d ms after the revocation%n", delay.toMillis());
            // One poll interval, plus the request that reads it.
            assertThat(delay).isLessThanOrEqualTo(POLL.plusMillis(500));
            assertThat(outcome(policy, regular)).isEqualTo("allowed");
        }
    }

    @Test
    void aWithdrawnEntryLeavesTheCopyAndTheSequenceMovesOn() {
        try (RevocationFeedClient feed = feed().build()) {
            String id = revokeTag("vip").json().get("id").asText();
            assertThat(feed.poll()).isTrue();
            long afterRevoking = feed.sequence();
            assertThat(outcome(policy(feed), vip)).isEqualTo("revoked");

            server.send("DELETE", "/v1/revocations/" + id, Map.of("Authorization", app.basic()), null);
            assertThat(feed.poll()).isTrue();

            assertThat(outcome(policy(feed), vip)).isEqualTo("allowed");
            assertThat(feed.sequence()).isGreaterThan(afterRevoking);
            assertThat(feed.entries().size()).isZero();
        }
    }

    @Test
    void tollgateUnreachableKeepsTheLastCopyThenFailsClosedPastTheBound() {
        try (RevocationFeedClient feed =
                feed().stalenessBound(Duration.ofSeconds(30)).build()) {
            revokeTag("vip");
            assertThat(feed.poll()).isTrue();
            server.close();

            boolean polledWhileDown = feed.poll();
            String vipWithinTheBound = outcome(policy(feed), vip);
            String regularWithinTheBound = outcome(policy(feed), regular);
            clock.advance(Duration.ofSeconds(31));

            assertThat(polledWhileDown).isFalse();
            assertThat(vipWithinTheBound).isEqualTo("revoked");
            assertThat(regularWithinTheBound).isEqualTo("allowed");
            assertThat(outcome(policy(feed), regular)).isEqualTo("revocations-unavailable");
        }
    }

    @Test
    void configuredToFailOpenItKeepsMatchingTheLastCopyPastTheBound() {
        try (RevocationFeedClient feed = feed().stalenessBound(Duration.ofSeconds(30))
                .whenStale(RevocationFeedClient.WhenStale.FAIL_OPEN)
                .build()) {
            revokeTag("vip");
            assertThat(feed.poll()).isTrue();
            server.close();
            assertThat(feed.poll()).isFalse();
            clock.advance(Duration.ofSeconds(31));

            assertThat(feed.stale(clock.instant())).isTrue();
            assertThat(outcome(policy(feed), vip)).isEqualTo("revoked");
            assertThat(outcome(policy(feed), regular)).isEqualTo("allowed");
        }
    }

    @Test
    void neverReadItIsStaleFromTheStart() {
        try (RevocationFeedClient feed = RevocationFeedClient.builder(URI.create("http://127.0.0.1:1"), server.edge)
                .clock(clock)
                .requestTimeout(Duration.ofSeconds(2))
                .build()) {
            assertThat(feed.poll()).isFalse();
            assertThat(outcome(policy(feed), regular)).isEqualTo("revocations-unavailable");
        }
    }

    @Test
    void theFeedNeedsTheEdgeCredentialAndAWellFormedSince() {
        revokeTag("vip");
        revokeTag("gold");
        Reply none = server.get("/v1/revocations/feed", Map.of());
        Reply admin = server.get("/v1/revocations/feed", Map.of("Authorization", server.adminAuthorization()));
        Reply malformed =
                server.get("/v1/revocations/feed?since=-1", Map.of("Authorization", server.edgeAuthorization()));
        Reply unknown = server.get("/v1/revocations/feed?from=1", Map.of("Authorization", server.edgeAuthorization()));
        Reply all = server.get("/v1/revocations/feed?since=0", Map.of("Authorization", server.edgeAuthorization()));
        long first = all.json().get("entries").get(0).get("seq").asLong();
        Reply rest =
                server.get("/v1/revocations/feed?since=" + first, Map.of("Authorization", server.edgeAuthorization()));
        long last = all.json().get("sequence").asLong();
        Reply caughtUp =
                server.get("/v1/revocations/feed?since=" + last, Map.of("Authorization", server.edgeAuthorization()));

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("code").asText()).isEqualTo("invalid-edge-credential");
        assertThat(admin.status()).isEqualTo(401);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("code").asText()).isEqualTo("invalid-parameter");
        assertThat(unknown.json().get("code").asText()).isEqualTo("unknown-parameter");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("entries")).hasSize(2);
        assertThat(all.json().get("more").asBoolean()).isFalse();
        assertThat(all.json().get("entries").get(0).get("active").asBoolean()).isTrue();
        assertThat(all.json().get("entries").get(1).get("value").asText()).isEqualTo("gold");
        assertThat(rest.json().get("entries")).hasSize(1);
        assertThat(caughtUp.json().get("entries")).isEmpty();
        assertThat(caughtUp.json().get("sequence").asLong()).isEqualTo(last);
    }
}
