package dev.tollgate.edge;

import static dev.tollgate.edge.Fixtures.APP;
import static dev.tollgate.edge.Fixtures.CHANNEL;
import static dev.tollgate.edge.Fixtures.NOW;
import static dev.tollgate.edge.Fixtures.OTHER_APP;
import static dev.tollgate.edge.Fixtures.outcome;
import static dev.tollgate.edge.Fixtures.request;
import static dev.tollgate.edge.Fixtures.steps;
import static dev.tollgate.edge.Fixtures.token;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.token.Claims;
import dev.tollgate.token.Decoded;
import dev.tollgate.token.DigestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WhenTheTokenIsRevoked {
    private static final Instant LATER = NOW.plus(Duration.ofHours(1));

    static EdgePolicy policy(RevocationList revocations) {
        return EdgePolicy.builder()
                .secrets(Fixtures.secrets())
                .clock(Fixtures.CLOCK)
                .revocations(revocations)
                .build();
    }

    static RevocationSet.Entry entry(String id, RevocationKind kind, String value) {
        return new RevocationSet.Entry(id, APP, kind, value, Optional.empty(), LATER);
    }

    static Decision subscribe(RevocationList revocations, String token) {
        return policy(revocations).decide(token, request().subscribe(CHANNEL).build());
    }

    static Claims claims(String token) {
        return ((Decoded) DigestTokens.decodeUnverified(token)).claims();
    }

    @Test
    void theTokenRevokedByItsGrantDigestIsDeniedAsRevokedAndTheTraceNamesTheEntry() {
        String token = token().forChannel(CHANNEL.id()).build();
        Claims claims = claims(token);
        RevocationSet set = RevocationSet.of(List.of(new RevocationSet.Entry(
                "rev_one",
                APP,
                RevocationKind.TOKEN,
                RevocationList.grantDigest(APP, claims),
                Optional.empty(),
                claims.expiresAt())));

        Decision decision = subscribe(set, token);

        assertThat(outcome(decision)).isEqualTo("revoked");
        Check last = decision.trace().get(decision.trace().size() - 1);
        assertThat(last.name()).isEqualTo("revocation");
        assertThat(last.outcome()).isEqualTo(Check.Outcome.FAIL);
        assertThat(last.detail()).contains("rev_one").contains("token");
        assertThat(decision.authentic()).isPresent();
    }

    @Test
    void anotherTokenOfTheSameGrantShapeIsAllowed() {
        String revoked = token().forChannel(CHANNEL.id()).applyTag("viewer=1").build();
        String other = token().forChannel(CHANNEL.id()).applyTag("viewer=2").build();
        Claims claims = claims(revoked);
        RevocationSet set = RevocationSet.of(List.of(new RevocationSet.Entry(
                "rev_one",
                APP,
                RevocationKind.TOKEN,
                RevocationList.grantDigest(APP, claims),
                Optional.empty(),
                claims.expiresAt())));

        assertThat(outcome(subscribe(set, other))).isEqualTo("allowed");
        assertThat(steps(subscribe(set, other))).endsWith("revocation:PASS");
    }

    @Test
    void aTagRevokesTokensThatApplyOrRequireIt() {
        RevocationSet set = RevocationSet.of(List.of(entry("rev_tag", RevocationKind.TAG, "customer=acme")));

        assertThat(outcome(subscribe(
                        set,
                        token().forChannel(CHANNEL.id())
                                .applyTag("customer=acme")
                                .build())))
                .isEqualTo("revoked");
        assertThat(outcome(policy(set)
                        .decide(
                                token().forTag("customer=acme").build(),
                                request().authenticate().build())))
                .isEqualTo("revoked");
        assertThat(outcome(subscribe(
                        set,
                        token().forChannel(CHANNEL.id())
                                .applyTag("customer=other")
                                .build())))
                .isEqualTo("allowed");
    }

    @Test
    void aChannelRevokesTokensDesignatingItByIdOrByAlias() {
        RevocationSet set = RevocationSet.of(List.of(new RevocationSet.Entry(
                "rev_ch", APP, RevocationKind.CHANNEL, CHANNEL.id(), Optional.of("news"), LATER)));

        assertThat(outcome(subscribe(set, token().forChannel(CHANNEL.id()).build())))
                .isEqualTo("revoked");
        assertThat(outcome(subscribe(set, token().forChannelAlias("news").build())))
                .isEqualTo("revoked");
    }

    @Test
    void anUnregisteredAliasIsMatchedAsWritten() {
        RevocationSet set = RevocationSet.of(List.of(entry("rev_ch", RevocationKind.CHANNEL, "news")));

        assertThat(outcome(subscribe(set, token().forChannelAlias("news").build())))
                .isEqualTo("revoked");
    }

    @Test
    void aSessionRevokesTokensBoundToIt() {
        RevocationSet set = RevocationSet.of(List.of(entry("rev_s", RevocationKind.SESSION, "session-1")));

        assertThat(outcome(policy(set)
                        .decide(
                                token().forChannel(CHANNEL.id())
                                        .forSession("session-1")
                                        .build(),
                                request()
                                        .sessionId("session-1")
                                        .subscribe(CHANNEL)
                                        .build())))
                .isEqualTo("revoked");
    }

    @Test
    void anEndedEntryNoLongerRevokes() {
        RevocationSet set = RevocationSet.of(
                List.of(new RevocationSet.Entry("rev_tag", APP, RevocationKind.TAG, "vip", Optional.empty(), NOW)));

        assertThat(outcome(subscribe(
                        set, token().forChannel(CHANNEL.id()).applyTag("vip").build())))
                .isEqualTo("allowed");
    }

    @Test
    void anotherApplicationsEntriesDoNotApply() {
        RevocationSet set = RevocationSet.of(List.of(
                new RevocationSet.Entry("rev_tag", OTHER_APP, RevocationKind.TAG, "vip", Optional.empty(), LATER)));

        assertThat(outcome(subscribe(
                        set, token().forChannel(CHANNEL.id()).applyTag("vip").build())))
                .isEqualTo("allowed");
    }

    @Test
    void aListThatCannotAnswerFailsClosed() {
        RevocationList stale =
                (app, claims, at) -> new RevocationList.Unavailable("the feed was last read an hour ago");

        Decision decision = subscribe(stale, token().forChannel(CHANNEL.id()).build());

        assertThat(outcome(decision)).isEqualTo("revocations-unavailable");
        assertThat(((Denied) decision).detail()).contains("an hour ago");
    }

    @Test
    void aListThatThrowsFailsClosed() {
        RevocationList broken = (app, claims, at) -> {
            throw new IllegalStateException("boom");
        };

        assertThat(outcome(subscribe(broken, token().forChannel(CHANNEL.id()).build())))
                .isEqualTo("revocations-unavailable");
    }

    @Test
    void anOtherwiseDeniedTokenKeepsItsOwnCode() {
        RevocationSet set = RevocationSet.of(List.of(entry("rev_tag", RevocationKind.TAG, "vip")));

        assertThat(outcome(policy(set)
                        .decide(
                                token().forChannel("elsewhere").applyTag("vip").build(),
                                request().subscribe(CHANNEL).build())))
                .isEqualTo("designation-mismatch");
    }

    @Test
    void withoutAListTheTraceHasNoRevocationCheck() {
        assertThat(steps(subscribe(
                        RevocationList.NONE, token().forChannel(CHANNEL.id()).build())))
                .doesNotContain("revocation:PASS");
    }

    @Test
    void aHundredThousandEntriesAreIndexed() {
        List<RevocationSet.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            entries.add(entry("rev_" + i, RevocationKind.TAG, "tag-" + i));
        }
        RevocationSet set = RevocationSet.of(entries);

        assertThat(set.size()).isEqualTo(100_000);
        assertThat(outcome(subscribe(
                        set,
                        token().forChannel(CHANNEL.id()).applyTag("tag-99999").build())))
                .isEqualTo("revoked");
        assertThat(outcome(subscribe(
                        set, token().forChannel(CHANNEL.id()).applyTag("tag-x").build())))
                .isEqualTo("allowed");
    }
}
