package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.internal.registry.Channel;
import dev.tollgate.server.internal.registry.ChannelStore;
import dev.tollgate.server.internal.registry.JdbcChannelStore;
import dev.tollgate.server.internal.registry.OriginStream;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JDBC channel store on the schema the server migrated, on H2 and on PostgreSQL. */
class WhenStoringChannels extends ServerScenario {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    ChannelStore store;
    App app;
    App other;

    @BeforeEach
    void openStore() {
        store = new JdbcChannelStore(server.jdbi());
        app = server.createApplication("broadcaster");
        other = server.createApplication("other");
    }

    private Channel channel(App owner, Channel.Kind kind, String alias, Instant at) {
        return new Channel(
                "us-northeast#" + owner.id() + "#" + alias + ".r" + at.toEpochMilli(), owner.id(), kind, alias, at);
    }

    @Test
    void aChannelIsFoundByItsIdAndByItsAliasWithinItsApplicationAndKind() {
        Channel news = channel(app, Channel.Kind.CHANNEL, "news", T0);
        assertThat(store.insert(news)).isTrue();

        assertThat(store.find(app.id(), Channel.Kind.CHANNEL, news.id())).contains(news);
        assertThat(store.find(app.id(), Channel.Kind.CHANNEL, "news")).contains(news);
        assertThat(store.find(app.id(), Channel.Kind.ROOM, "news")).isEmpty();
        assertThat(store.find(other.id(), Channel.Kind.CHANNEL, news.id())).isEmpty();
        assertThat(store.find(other.id(), Channel.Kind.CHANNEL, "news")).isEmpty();
    }

    @Test
    void anAliasIsRefusedTwiceInOneApplicationAndKindOnly() {
        assertThat(store.insert(channel(app, Channel.Kind.CHANNEL, "news", T0))).isTrue();

        assertThat(store.insert(channel(app, Channel.Kind.CHANNEL, "news", T0.plusSeconds(1))))
                .isFalse();
        assertThat(store.insert(channel(app, Channel.Kind.ROOM, "news", T0.plusSeconds(2))))
                .isTrue();
        assertThat(store.insert(channel(other, Channel.Kind.CHANNEL, "news", T0.plusSeconds(3))))
                .isTrue();
    }

    @Test
    void aListingIsOldestFirstOfOneKindAndBounded() {
        Channel b = channel(app, Channel.Kind.CHANNEL, "b", T0.plusSeconds(1));
        Channel a = channel(app, Channel.Kind.CHANNEL, "a", T0.plusSeconds(2));
        Channel c = channel(app, Channel.Kind.CHANNEL, "c", T0);
        store.insert(b);
        store.insert(a);
        store.insert(c);
        store.insert(channel(app, Channel.Kind.ROOM, "room", T0));

        assertThat(store.list(app.id(), Channel.Kind.CHANNEL, 10)).containsExactly(c, b, a);
        assertThat(store.list(app.id(), Channel.Kind.CHANNEL, 2)).containsExactly(c, b);
        assertThat(store.list(other.id(), Channel.Kind.CHANNEL, 10)).isEmpty();
    }

    @Test
    void streamsAreLiveUntilEndedAndListedNewestFirst() {
        Channel news = channel(app, Channel.Kind.CHANNEL, "news", T0);
        store.insert(news);
        OriginStream first = new OriginStream("s1", news, T0.plusSeconds(10), Optional.empty());
        OriginStream second = new OriginStream("s2", news, T0.plusSeconds(20), Optional.empty());
        store.openStream(first);
        store.openStream(second);

        assertThat(store.liveStreams(news.id())).extracting(OriginStream::id).containsExactly("s2", "s1");
        assertThat(store.endStream("s1", T0.plusSeconds(30))).isTrue();
        assertThat(store.endStream("s1", T0.plusSeconds(40)))
                .as("already ended")
                .isFalse();
        assertThat(store.endStream("unknown", T0.plusSeconds(40))).isFalse();

        assertThat(store.liveStreams(news.id())).extracting(OriginStream::id).containsExactly("s2");
        assertThat(store.streams(news.id(), 10)).extracting(OriginStream::id).containsExactly("s2", "s1");
        assertThat(store.streams(news.id(), 1)).extracting(OriginStream::id).containsExactly("s2");
        OriginStream ended = store.findStream("s1").orElseThrow();
        assertThat(ended.endedAt()).contains(T0.plusSeconds(30));
        assertThat(ended.channel()).isEqualTo(news);
        assertThat(ended.isLive()).isFalse();
        assertThat(store.findStream("unknown")).isEmpty();
    }

    @Test
    void deletingAChannelDeletesItsStreamsAndOnlyInItsOwnApplication() {
        Channel news = channel(app, Channel.Kind.CHANNEL, "news", T0);
        store.insert(news);
        store.openStream(new OriginStream("s1", news, T0, Optional.empty()));

        assertThat(store.delete(other.id(), Channel.Kind.CHANNEL, news.id())).isFalse();
        assertThat(store.delete(app.id(), Channel.Kind.ROOM, news.id())).isFalse();
        assertThat(store.delete(app.id(), Channel.Kind.CHANNEL, news.id())).isTrue();
        assertThat(store.delete(app.id(), Channel.Kind.CHANNEL, news.id())).isFalse();

        assertThat(store.findStream("s1")).isEmpty();
        assertThat(server.sql("SELECT COUNT(*) FROM origin_streams")).isZero();
    }

    @Test
    void deletingTheApplicationLeavesNoChannelOrStreamBehind() {
        Channel news = channel(app, Channel.Kind.CHANNEL, "news", T0);
        store.insert(news);
        store.insert(channel(app, Channel.Kind.ROOM, "standup", T0));
        store.insert(channel(other, Channel.Kind.CHANNEL, "kept", T0));
        store.openStream(new OriginStream("s1", news, T0, Optional.empty()));

        TestServer.Reply deleted = server.send(
                "DELETE",
                "/v1/admin/applications/" + app.id(),
                Map.of("Authorization", server.adminAuthorization()),
                null);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(server.sql("SELECT COUNT(*) FROM channels")).isEqualTo(1);
        assertThat(server.sql("SELECT COUNT(*) FROM origin_streams")).isZero();
    }
}
