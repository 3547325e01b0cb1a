package dev.tollgate.server.internal.registry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The channels and rooms of every application, and the origin streams published to them. Implementations are
 * thread-safe and durable: a method that returns has committed.
 */
public interface ChannelStore {

    /** Stores a new channel or room; false when the application already has one of this kind with this alias. */
    boolean insert(Channel channel);

    /** The application's channel or room of this kind whose ID or alias is {@code idOrAlias}. */
    Optional<Channel> find(String applicationId, Channel.Kind kind, String idOrAlias);

    /** The application's channels or rooms of this kind, oldest first, at most {@code limit}. */
    List<Channel> list(String applicationId, Channel.Kind kind, int limit);

    /** Deletes the application's channel or room and its streams; false when there was none. */
    boolean delete(String applicationId, Channel.Kind kind, String id);

    /** Records a stream that was allowed to start. */
    void openStream(OriginStream stream);

    /** Marks the stream ended at {@code at}; false when it is unknown or already ended. */
    boolean endStream(String streamId, Instant at);

    /** The stream with this ID, live or ended. */
    Optional<OriginStream> findStream(String streamId);

    /** The live streams of a channel or room, newest first (a player subscribes to the newest). */
    List<OriginStream> liveStreams(String channelId);

    /** The streams of a channel or room, live and ended, newest first, at most {@code limit}. */
    List<OriginStream> streams(String channelId, int limit);
}
