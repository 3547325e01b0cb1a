package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.client.Channel;
import dev.tollgate.client.ChannelDetails;
import dev.tollgate.client.Credentials;
import dev.tollgate.client.OriginStream;
import dev.tollgate.client.TollgateClient;
import dev.tollgate.client.TollgateException;
import dev.tollgate.server.TestServer.App;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SDK's channel and room methods against the real server, with each kind of credential. */
class WhenTheJavaClientManagesChannels extends ServerScenario {
    App app;
    Credentials basic;
    TollgateClient client;

    @BeforeEach
    void connect() {
        app = server.createApplication("sdk-channels");
        basic = Credentials.basic(app.id(), app.secret());
        client = TollgateClient.builder().baseUrl(server.server.url()).build();
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void aChannelIsCreatedShownListedAndDeletedByItsId() {
        Channel created = client.createChannel(basic, "news");

        ChannelDetails shown = client.channel(basic, created.id());
        client.deleteChannel(basic, created.id());

        assertThat(created.id()).startsWith("us-northeast#" + app.id() + "#news.");
        assertThat(created.kind()).isEqualTo("channel");
        assertThat(created.applicationId()).isEqualTo(app.id());
        assertThat(shown.channel()).isEqualTo(created);
        assertThat(shown.liveStreams()).isEmpty();
        assertThat(client.channels(basic)).isEmpty();
        assertThatThrownBy(() -> client.channel(basic, "news"))
                .isInstanceOfSatisfying(
                        TollgateException.class, e -> assertThat(e.code()).isEqualTo("not-found"));
    }

    @Test
    void itReadsTheLiveAndEndedStreamsOfARoom() {
        Channel room = client.createRoom(basic, "standup");
        long t = clock.millis();
        server.sql("INSERT INTO origin_streams (id, channel_id, started_at, ended_at) VALUES ('ended', '" + room.id()
                + "', " + (t - 2000) + ", " + (t - 1000) + ")");
        server.sql("INSERT INTO origin_streams (id, channel_id, started_at, ended_at) VALUES ('live', '" + room.id()
                + "', " + t + ", NULL)");

        ChannelDetails shown = client.room(basic, "standup");

        assertThat(shown.liveStreams()).extracting(OriginStream::id).containsExactly("live");
        assertThat(client.roomStreams(basic, room.id()))
                .extracting(OriginStream::id, OriginStream::isLive)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("live", true),
                        org.assertj.core.groups.Tuple.tuple("ended", false));
        assertThat(client.roomStreams(basic, "standup").get(1).endedAt()).contains(Instant.ofEpochMilli(t - 1000));
        assertThat(client.rooms(basic)).containsExactly(room);
        assertThat(client.channels(basic)).isEmpty();
    }

    @Test
    void aTakenAliasIsTheServersCode() {
        client.createChannel(basic, "news");

        assertThatThrownBy(() -> client.createChannel(basic, "news"))
                .isInstanceOfSatisfying(TollgateException.class, e -> {
                    assertThat(e.code()).isEqualTo("alias-taken");
                    assertThat(e.status()).contains(409);
                });
    }

    @Test
    void anApiTokenWithTheScopeAndTheAdminForTheApplicationActToo() {
        String token = client.apiToken(app.id(), app.secret(), Duration.ofHours(1), "channels:manage")
                .accessToken();
        Credentials.Admin admin = Credentials.admin(server.admin);

        Channel byToken = client.createChannel(Credentials.bearer(token), "news");
        Channel byAdmin = client.createChannel(admin, app.id(), "sports");

        assertThat(client.channels(admin, app.id())).containsExactly(byToken, byAdmin);
        assertThat(client.channel(admin, app.id(), "news").channel()).isEqualTo(byToken);
        client.deleteChannel(admin, app.id(), "sports");
        assertThat(client.channels(basic)).containsExactly(byToken);
        assertThat(client.channelStreams(admin, app.id(), byToken.id())).isEmpty();
    }
}
