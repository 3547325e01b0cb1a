package dev.tollgate.server.internal.edge;

import dev.tollgate.edge.AccessRequest;
import dev.tollgate.edge.Action;
import dev.tollgate.edge.Target;
import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.http.JsonFields;
import dev.tollgate.server.internal.http.Rejection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The body both edge decisions take, {@code {"token","request":{...}}} ({@code /v1/tokens/verify} and {@code
 * /v1/edge/authorize}), read into an {@link AccessRequest}. Stateless.
 */
public final class AccessRequests {
    /** The body's fields. */
    public static final Set<String> FIELDS = Set.of("token", "request");

    /** The fields of {@code request}. */
    public static final Set<String> REQUEST_FIELDS =
            Set.of("action", "applicationId", "channel", "room", "stream", "remoteAddress", "sessionId", "at");

    private static final Set<String> NAMED_TARGET_FIELDS = Set.of("id", "alias");
    private static final Set<String> STREAM_FIELDS = Set.of("id", "tags");

    private AccessRequests() {}

    /**
     * The access request in {@code request} at {@code at}; 400 {@code invalid-value} or {@code missing-field} when it
     * cannot be one. The target's owner is {@code request.applicationId} when the caller names it, and unnamed
     * otherwise: never the token's own application.
     */
    public static AccessRequest read(JsonFields fields, Instant at) {
        String action = fields.requiredString("action");
        AccessRequest.Builder builder = AccessRequest.builder().time(at);
        builder.action(Action.fromWire(action)
                .orElseThrow(() -> Rejection.badRequest(
                        ErrorCode.INVALID_VALUE, "request.action must be authenticate, subscribe or publish")));
        List<Target> targets = new ArrayList<>();
        try {
            fields.object("channel", NAMED_TARGET_FIELDS).ifPresent(channel -> targets.add(channel(channel)));
            fields.object("room", NAMED_TARGET_FIELDS).ifPresent(room -> targets.add(room(room)));
            fields.object("stream", STREAM_FIELDS)
                    .ifPresent(stream -> targets.add(Target.originStream(
                            stream.requiredString("id"), new LinkedHashSet<>(stream.strings("tags")))));
            if (targets.size() > 1) {
                throw Rejection.badRequest(ErrorCode.CONFLICTING_FIELDS, "give one of request.channel, room or stream");
            }
            targets.forEach(builder::target);
            fields.string("applicationId").ifPresent(builder::applicationId);
            fields.string("remoteAddress").ifPresent(builder::remoteAddress);
            fields.string("sessionId").ifPresent(builder::sessionId);
            return builder.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw Rejection.badRequest(ErrorCode.INVALID_VALUE, e.getMessage());
        }
    }

    /** A channel by ID, by alias, or by both: the shape is {@code {"id","alias"}}, and either may be unknown. */
    private static Target channel(JsonFields channel) {
        Optional<String> id = channel.string("id");
        Optional<String> alias = channel.string("alias");
        if (id.isPresent()) {
            return alias.isPresent() ? Target.channel(id.get(), alias.get()) : Target.channel(id.get());
        }
        return Target.channelByAlias(alias.orElseThrow(
                () -> Rejection.badRequest(ErrorCode.MISSING_FIELD, "request.channel needs id or alias")));
    }

    private static Target room(JsonFields room) {
        Optional<String> id = room.string("id");
        Optional<String> alias = room.string("alias");
        if (id.isPresent()) {
            return alias.isPresent() ? Target.room(id.get(), alias.get()) : Target.room(id.get());
        }
        return Target.roomByAlias(alias.orElseThrow(
                () -> Rejection.badRequest(ErrorCode.MISSING_FIELD, "request.room needs id or alias")));
    }
}
