package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.client.Credentials;
import dev.tollgate.client.Revocation;
import dev.tollgate.client.TollgateClient;
import dev.tollgate.client.TollgateException;
import dev.tollgate.server.TestServer.App;
import dev.tollgate.token.TokenBuilder;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SDK's revocation methods against the real server: revoke, list, withdraw, with the server's stable codes. */
class WhenTheJavaClientRevokes extends ServerScenario {
    App app;
    Credentials basic;
    TollgateClient client;

    @BeforeEach
    void connect() {
        app = server.createApplication("sdk-revocations");
        basic = Credentials.basic(app.id(), app.secret());
        client = TollgateClient.builder().baseUrl(server.server.url()).build();
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    String token() {
        return new TokenBuilder()
                .withApplicationId(app.id())
                .withSecret(app.secret())
                .withClock(clock)
                .expiresIn(Duration.ofHours(1))
                .forChannelAlias("news")
                .build();
    }

    @Test
    void aTokenIsRevokedTheSameEntryComesBackAndWithdrawingItListsItNoMore() {
        String token = token();

        Revocation revoked = client.revokeToken(basic, token);
        Revocation again = client.revokeToken(basic, token);

        assertThat(revoked.id()).startsWith("rev_");
        assertThat(revoked.kind()).isEqualTo(Revocation.Kind.TOKEN);
        assertThat(revoked.value()).doesNotContain(token).hasSize(64);
        assertThat(again).isEqualTo(revoked);
        assertThat(client.revocations(basic)).containsExactly(revoked);

        client.withdrawRevocation(basic, revoked.id());

        assertThat(client.revocations(basic)).isEmpty();
        assertThatThrownBy(() -> client.withdrawRevocation(basic, revoked.id()))
                .isInstanceOfSatisfying(
                        TollgateException.class, e -> assertThat(e.code()).isEqualTo("not-found"));
    }

    @Test
    void everyKindIsTakenAndAnEndCanBeGiven() {
        Revocation tag = client.revoke(
                basic, Revocation.Kind.TAG, "vip", Optional.of(clock.instant().plusSeconds(60)));
        Revocation subject = client.revoke(basic, Revocation.Kind.SUBJECT, "alice", Optional.empty());
        Revocation watermark = client.revoke(basic, Revocation.Kind.ISSUED_BEFORE, null, Optional.empty());
        client.createChannel(basic, "news");
        Revocation channel = client.revoke(basic, Revocation.Kind.CHANNEL, "news", Optional.empty());

        assertThat(tag.endsAt())
                .isEqualTo(clock.instant().plusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(subject.endsAt()).isEqualTo(subject.createdAt().plus(Duration.ofHours(24)));
        assertThat(watermark.value())
                .isEqualTo(Long.toString(watermark.createdAt().toEpochMilli()));
        assertThat(channel.alias()).contains("news");
        assertThat(client.revocations(basic)).hasSize(4);
        assertThat(client.revocations(
                        Credentials.admin(server.adminAuthorization().substring("Bearer ".length())), app.id()))
                .hasSize(4);
    }

    @Test
    void aMatchOfTheWrongShapeOrAnotherApplicationsTokenIsRefusedWithTheServersCode() {
        App other = server.createApplication("other");
        Credentials otherBasic = Credentials.basic(other.id(), other.secret());

        assertThatThrownBy(() -> client.revokeToken(otherBasic, token()))
                .isInstanceOfSatisfying(
                        TollgateException.class, e -> assertThat(e.code()).isEqualTo("wrong-application"));
        assertThatThrownBy(() -> client.revoke(basic, Revocation.Kind.ISSUED_BEFORE, "soon", Optional.empty()))
                .isInstanceOfSatisfying(
                        TollgateException.class, e -> assertThat(e.code()).isEqualTo("invalid-value"));
        assertThatThrownBy(() -> client.revoke(basic, Revocation.Kind.TOKEN, "x", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
