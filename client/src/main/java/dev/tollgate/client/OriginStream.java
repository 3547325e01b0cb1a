package dev.tollgate.client;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stream published to a channel or room: opened by an allowed publish, ended when the publisher stops. Its ID is
 * what a {@code forOriginStream} token names ({@code originStreamId}). Immutable and thread-safe.
 *
 * @param id the stream ID
 * @param startedAt when the publish was allowed
 * @param endedAt when the publisher stopped; empty while live
 */
public record OriginStream(String id, Instant startedAt, Optional<Instant> endedAt) {
    public OriginStream {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
    }

    /** Whether it is still being published. */
    public boolean isLive() {
        return endedAt.isEmpty();
    }
}
