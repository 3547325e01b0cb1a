package dev.tollgate.server.internal.hooks;

import dev.tollgate.edge.Action;
import dev.tollgate.server.internal.registry.Channel;
import java.util.Objects;
import java.util.Optional;

/**
 * What a media server asks when a client starts to play or publish, once its hook's dialect is read: the same
 * question whatever the server.
 *
 * <p>Immutable and thread-safe.
 *
 * @param mediaServer the dialect ({@code nginx-rtmp}, {@code http-auth}, {@code icecast}, {@code mediamtx}, {@code srs})
 * @param clientKey the media server's name for the connection, by which its later calls find the session
 * @param action {@link Action#PUBLISH} or {@link Action#SUBSCRIBE}
 * @param applicationId the application the hook's configuration names (the path, the RTMP app, ...)
 * @param kind whether {@code name} is a channel or a room
 * @param name the channel's or room's alias or ID, as the client named the stream
 * @param token the token (or {@code tgr_} reference) the client presented, when it presented one
 * @param clientAddress the client's address as the media server reports it, when it does
 * @param sessionId the platform session the client names (for a session-bound token), when it names one
 */
public record StreamCall(
        String mediaServer,
        String clientKey,
        Action action,
        String applicationId,
        Channel.Kind kind,
        String name,
        Optional<String> token,
        Optional<String> clientAddress,
        Optional<String> sessionId) {

    public StreamCall {
        Objects.requireNonNull(mediaServer, "mediaServer");
        Objects.requireNonNull(clientKey, "clientKey");
        Objects.requireNonNull(action, "action");
        if (!action.streams()) {
            throw new IllegalArgumentException("a media server asks to play or publish, not to " + action);
        }
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(clientAddress, "clientAddress");
        Objects.requireNonNull(sessionId, "sessionId");
    }
}
