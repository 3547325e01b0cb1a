package dev.tollgate.server;

import dev.tollgate.edge.Action;
import dev.tollgate.server.internal.usage.UsageSession;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Usage sessions as a media server's hook opens them, for the scenarios. */
final class UsageSessions {
    private UsageSessions() {}

    static UsageSession open(
            String clientKey, String applicationId, String channelId, Action action, Instant start, String... tags) {
        return new UsageSession(
                UUID.randomUUID().toString(),
                "nginx-rtmp",
                clientKey,
                applicationId,
                Optional.ofNullable(channelId),
                Optional.empty(),
                action,
                action == Action.PUBLISH ? "publish" : "edge",
                Optional.empty(),
                "digest-" + clientKey,
                List.of(tags),
                Optional.of("192.0.2.7"),
                Optional.of("US"),
                start,
                start,
                Optional.empty(),
                Optional.empty());
    }

    /** The same session opened with another token. */
    static UsageSession withDigest(UsageSession s, String tokenDigest) {
        return new UsageSession(
                s.id(),
                s.mediaServer(),
                s.clientKey(),
                s.applicationId(),
                s.channelId(),
                s.streamId(),
                s.action(),
                s.tokenType(),
                s.requiredTag(),
                tokenDigest,
                s.tags(),
                s.clientAddress(),
                s.country(),
                s.startedAt(),
                s.lastSeenAt(),
                s.endedAt(),
                s.boundSessionId());
    }
}
