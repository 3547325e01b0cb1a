package dev.tollgate.server.internal.usage;

import dev.tollgate.edge.Action;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A play or a publish a media server was allowed to start, from the allowing hook to the end the media server reports
 * ({@code done}, {@code play_done}, {@code publish_done}, {@code listener_remove}, ...) or, when it stops reporting, to
 * its last sign of life plus a timeout. Viewer and publisher minutes and session counts are reported from these.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id a random ID
 * @param mediaServer the hook dialect that opened it ({@code nginx-rtmp}, {@code http-auth}, {@code icecast},
 *     {@code mediamtx}, {@code srs})
 * @param clientKey the media server's own name for the client connection (nginx-rtmp's {@code clientid}, Icecast's
 *     {@code client}, ...), by which its later {@code update} and {@code done} calls find the session; unique among the
 *     open sessions of one media server dialect
 * @param applicationId the application whose token was allowed (the channel's owner)
 * @param channelId the channel or room streamed, when the target is one
 * @param streamId the origin stream published or played, when there is one
 * @param action {@link Action#PUBLISH} or {@link Action#SUBSCRIBE}
 * @param tokenType the token's type ({@code edge}, {@code stream}, {@code publish}, {@code auth})
 * @param requiredTag the token's designation, as signed
 * @param tokenDigest the SHA-256 (hex) of the token, so that the open sessions of one token can be counted ({@code
 *     max-sessions}) and revoked; never the token itself
 * @param tags the token's applied tags ({@code applyTags}), for reports
 * @param clientAddress the client's address as the media server reported it
 * @param country the client's country, when a location lookup was made
 * @param startedAt when the hook allowed it
 * @param lastSeenAt the last time the media server reported it alive (the start, or an {@code update})
 * @param endedAt when it ended; empty while open
 * @param boundSessionId the platform session the token was bound to ({@code sessionId}), so that a {@code session}
 *     revocation ends the stream at its next keep-alive
 */
public record UsageSession(
        String id,
        String mediaServer,
        String clientKey,
        String applicationId,
        Optional<String> channelId,
        Optional<String> streamId,
        Action action,
        String tokenType,
        Optional<String> requiredTag,
        String tokenDigest,
        List<String> tags,
        Optional<String> clientAddress,
        Optional<String> country,
        Instant startedAt,
        Instant lastSeenAt,
        Optional<Instant> endedAt,
        Optional<String> boundSessionId) {

    public UsageSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mediaServer, "mediaServer");
        Objects.requireNonNull(clientKey, "clientKey");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(action, "action");
        if (!action.streams()) {
            throw new IllegalArgumentException("a usage session is a play or a publish, not " + action);
        }
        Objects.requireNonNull(tokenType, "tokenType");
        Objects.requireNonNull(requiredTag, "requiredTag");
        Objects.requireNonNull(tokenDigest, "tokenDigest");
        tags = List.copyOf(tags);
        Objects.requireNonNull(clientAddress, "clientAddress");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(boundSessionId, "boundSessionId");
    }

    /** Whether the media server has not reported its end yet. */
    public boolean isOpen() {
        return endedAt.isEmpty();
    }

    /** How long it lasted, or has lasted until {@code now} while open. */
    public Duration duration(Instant now) {
        return Duration.between(startedAt, endedAt.orElse(now));
    }
}
