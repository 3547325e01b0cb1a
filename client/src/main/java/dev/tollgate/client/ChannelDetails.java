package dev.tollgate.client;

import java.util.List;
import java.util.Objects;

/**
 * A channel or room as {@code GET /v1/channels/{id}} shows it: with its live origin streams, newest first (a player
 * subscribes to the newest). Immutable and thread-safe.
 *
 * @param channel the channel or room
 * @param liveStreams its live origin streams, newest first
 */
public record ChannelDetails(Channel channel, List<OriginStream> liveStreams) {
    public ChannelDetails {
        Objects.requireNonNull(channel, "channel");
        liveStreams = List.copyOf(liveStreams);
    }
}
