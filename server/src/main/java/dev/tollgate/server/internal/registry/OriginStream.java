package dev.tollgate.server.internal.registry;

import dev.tollgate.edge.Target;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stream published to a channel or room: opened by an allowed publish, ended when the publisher stops. Its ID is
 * what a customer names in a {@code forOriginStream} token ({@code originStreamId}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the stream ID
 * @param channel the channel or room it is published to
 * @param startedAt when the publish was allowed
 * @param endedAt when the publisher stopped; empty while live
 */
public record OriginStream(String id, Channel channel, Instant startedAt, Optional<Instant> endedAt) {

    public OriginStream {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
    }

    /** Whether the stream is still being published. */
    public boolean isLive() {
        return endedAt.isEmpty();
    }

    /** The edge's view of it: an origin stream carrying its channel's designations as tags. */
    public Target target() {
        return Target.originStream(id, channel.streamTags());
    }
}
