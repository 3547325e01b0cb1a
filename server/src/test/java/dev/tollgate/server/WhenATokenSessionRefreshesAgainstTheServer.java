package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.client.Credentials;
import dev.tollgate.client.ManualScheduler;
import dev.tollgate.client.OpenedSession;
import dev.tollgate.client.ParticipantInfo;
import dev.tollgate.client.TokenListener;
import dev.tollgate.client.TokenSession;
import dev.tollgate.client.TokenSpec;
import dev.tollgate.client.TollgateClient;
import dev.tollgate.client.TollgateException;
import dev.tollgate.client.VerifyRequest;
import dev.tollgate.server.TestServer.App;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SDK's token session holding real client access tokens and DIGEST edge tokens from the server, with lifetimes of
 * seconds. The server and the session share one hand-moved clock, so the ½, ¾ and expiry checkpoints are exact and
 * the test is instant.
 */
class WhenATokenSessionRefreshesAgainstTheServer extends ServerScenario {
    private static final List<String> SCOPE = List.of("conf:create", "session:update");

    App app;
    TollgateClient client;
    String apiToken;
    ManualScheduler scheduler;
    Instant start;
    final List<String> events = new CopyOnWriteArrayList<>();
    TokenSession session;

    @BeforeEach
    void connect() {
        app = server.createApplication("sdk");
        client = TollgateClient.builder().baseUrl(server.server.url()).build();
        apiToken = client.apiToken(app.id(), app.secret(), Duration.ofHours(1), "comms:client_access_token:create")
                .accessToken();
        scheduler = new ManualScheduler(clock, clock::advance);
        // JWTs carry whole seconds: start on one so the checkpoints fall on exact seconds.
        int nanos = clock.instant().getNano();
        if (nanos != 0) {
            clock.advance(Duration.ofNanos(1_000_000_000L - nanos));
        }
        start = clock.instant();
    }

    @AfterEach
    void close() {
        if (session != null) {
            session.close();
        }
    }

    private String clientAccessToken(Duration lifetime) {
        return client.clientAccessToken(apiToken, SCOPE, "alice@example.com", lifetime)
                .accessToken();
    }

    private long second() {
        return Duration.between(start, clock.instant()).toSeconds();
    }

    /** What a refresher call records: the second since the start, and why it was asked. */
    private String checkpoint(boolean isExpired) {
        return second() + (isExpired ? " expired" : " nearing");
    }

    /** An API token the server refuses for {@code /v2/client-access-token}: its only scope is another one. */
    private String apiTokenThatCannotMintClientAccessTokens() {
        return client.apiToken(app.id(), app.secret(), Duration.ofHours(1), "edge:token:create")
                .accessToken();
    }

    private TokenSession.Builder sessionBuilder() {
        return TokenSession.builder()
                .clock(clock)
                .scheduler(scheduler)
                .refresherExecutor(scheduler)
                .client(client)
                .listener(new TokenListener() {
                    @Override
                    public void onTokenRefreshed(String token) {
                        events.add(second() + " refreshed");
                    }

                    @Override
                    public void onTokenExpired() {
                        events.add(second() + " expired");
                    }

                    @Override
                    public void onRefreshFailed(Throwable cause, int attempt) {
                        String code = cause instanceof TollgateException e ? e.code() : cause.toString();
                        events.add(second() + " failed " + code);
                    }
                });
    }

    @Test
    void itRefreshesAtHalfLifeWithANewServerTokenAndOpensASessionWithIt() {
        String first = clientAccessToken(Duration.ofSeconds(8));
        List<String> calls = new ArrayList<>();
        session = sessionBuilder().initialize(first, isExpired -> {
            calls.add(checkpoint(isExpired));
            return CompletableFuture.completedFuture(clientAccessToken(Duration.ofSeconds(8)));
        });

        scheduler.advance(Duration.ofSeconds(4));

        assertThat(calls).containsExactly("4 nearing");
        assertThat(events).containsExactly("4 refreshed");
        assertThat(session.token()).isNotEqualTo(first);
        assertThat(session.expiresAt()).isEqualTo(start.plusSeconds(12));
        OpenedSession opened = session.open(ParticipantInfo.named("Mallory"));
        assertThat(opened.identityFromToken()).isTrue();
        assertThat(opened.participant().externalId()).contains("alice@example.com");

        scheduler.advance(Duration.ofSeconds(4));
        assertThat(calls).containsExactly("4 nearing", "8 nearing");
    }

    @Test
    void aRefresherTheServerRefusesIsRetriedAtThreeQuartersAndExpiryAndTheOldTokenEndsAfterTheSkew() {
        String first = clientAccessToken(Duration.ofSeconds(8));
        String apiTokenWithoutScope = apiTokenThatCannotMintClientAccessTokens();
        List<String> calls = new ArrayList<>();
        session = sessionBuilder().initialize(first, isExpired -> {
            calls.add(checkpoint(isExpired));
            return CompletableFuture.supplyAsync(
                    () -> client.clientAccessToken(
                                    apiTokenWithoutScope, SCOPE, "alice@example.com", Duration.ofSeconds(8))
                            .accessToken(),
                    Runnable::run);
        });

        scheduler.advance(Duration.ofSeconds(9));

        assertThat(calls).containsExactly("4 nearing", "5 nearing", "6 nearing", "8 expired");
        assertThat(events)
                .containsExactly(
                        "4 failed insufficient_scope",
                        "5 failed insufficient_scope",
                        "6 failed insufficient_scope",
                        "8 expired",
                        "8 failed insufficient_scope");
        // The server tolerates a minute of clock skew (docs/security.md); beyond it the old token is refused.
        scheduler.advance(Duration.ofSeconds(60));
        assertThatThrownBy(() -> session.open(ParticipantInfo.none()))
                .isInstanceOfSatisfying(
                        TollgateException.class, e -> assertThat(e.status()).contains(401));
    }

    @Test
    void closingDuringARefreshKeepsTheOldTokenAndStopsTheTimeline() {
        String first = clientAccessToken(Duration.ofSeconds(8));
        CompletableFuture<String> inFlight = new CompletableFuture<>();
        session = sessionBuilder().initialize(first, isExpired -> inFlight);
        scheduler.advance(Duration.ofSeconds(4));

        session.close();
        inFlight.complete(clientAccessToken(Duration.ofSeconds(8)));
        scheduler.advance(Duration.ofSeconds(30));

        assertThat(session.token()).isEqualTo(first);
        assertThat(events).isEmpty();
        assertThat(scheduler.pending()).isZero();
    }

    private String edgeToken(Duration lifetime) {
        return client.edgeToken(
                        Credentials.basic(app.id(), app.secret()),
                        TokenSpec.builder()
                                .expiresIn(lifetime)
                                .forAuthenticationOnly()
                                .build())
                .token();
    }

    @Test
    void itHoldsADigestEdgeTokenFromTheServerAndReplacesItWithTheNextOneAtHalfLife() {
        String first = edgeToken(Duration.ofSeconds(8));
        List<String> calls = new ArrayList<>();
        session = sessionBuilder().initialize(first, isExpired -> {
            calls.add(checkpoint(isExpired));
            return CompletableFuture.completedFuture(edgeToken(Duration.ofSeconds(8)));
        });
        assertThat(first).startsWith("DIGEST:");
        assertThat(session.expiresAt()).isEqualTo(start.plusSeconds(8));

        scheduler.advance(Duration.ofSeconds(4));

        assertThat(calls).containsExactly("4 nearing");
        assertThat(events).containsExactly("4 refreshed");
        assertThat(session.token()).startsWith("DIGEST:").isNotEqualTo(first);
        // DIGEST expiry is in milliseconds and the server minted it on the shared clock: exactly 8 s from the switch.
        assertThat(session.expiresAt()).isEqualTo(start.plusSeconds(12));
        assertThat(client.verify(session.token(), VerifyRequest.tokenOnly()).code())
                .isEqualTo("allowed");
        OpenedSession opened = session.open(ParticipantInfo.named("Viewer"));
        assertThat(opened.sessionId()).isNotBlank();
        assertThat(opened.identityFromToken()).isFalse();

        // The new token's timeline starts when the session received it: ½ at 8 s, ¾ at 10 s.
        scheduler.advance(Duration.ofSeconds(4));
        assertThat(calls).containsExactly("4 nearing", "8 nearing");
        assertThat(events).containsExactly("4 refreshed", "8 refreshed");
    }

    @Test
    void aRefresherThatOnlySucceedsAtExpiryGetsANewServerTokenThenAndTheSessionOpens() {
        String first = clientAccessToken(Duration.ofSeconds(8));
        String apiTokenWithoutScope = apiTokenThatCannotMintClientAccessTokens();
        List<String> calls = new ArrayList<>();
        session = sessionBuilder().initialize(first, isExpired -> {
            calls.add(checkpoint(isExpired));
            // Until the last chance the backend uses an API token the server refuses for this grant.
            String credentials = isExpired ? apiToken : apiTokenWithoutScope;
            return CompletableFuture.completedFuture(
                    client.clientAccessToken(credentials, SCOPE, "alice@example.com", Duration.ofSeconds(8))
                            .accessToken());
        });

        scheduler.advance(Duration.ofSeconds(8));

        assertThat(calls).containsExactly("4 nearing", "5 nearing", "6 nearing", "8 expired");
        assertThat(events)
                .containsExactly(
                        "4 failed insufficient_scope",
                        "5 failed insufficient_scope",
                        "6 failed insufficient_scope",
                        "8 expired",
                        "8 refreshed");
        assertThat(session.token()).isNotEqualTo(first);
        assertThat(session.expiresAt()).isEqualTo(start.plusSeconds(16));
        OpenedSession opened = session.open(ParticipantInfo.named("Mallory"));
        assertThat(opened.identityFromToken()).isTrue();
        assertThat(opened.participant().externalId()).contains("alice@example.com");
    }
}
