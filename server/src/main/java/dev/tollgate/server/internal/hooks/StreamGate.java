package dev.tollgate.server.internal.hooks;

import dev.tollgate.edge.AccessRequest;
import dev.tollgate.edge.Action;
import dev.tollgate.edge.Allowed;
import dev.tollgate.edge.Decision;
import dev.tollgate.edge.DenialCode;
import dev.tollgate.edge.Denied;
import dev.tollgate.edge.GeoLocation;
import dev.tollgate.edge.RevocationList;
import dev.tollgate.edge.Target;
import dev.tollgate.server.internal.decisions.EdgeDecisions;
import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.keys.Sha256;
import dev.tollgate.server.internal.registry.Channel;
import dev.tollgate.server.internal.registry.ChannelStore;
import dev.tollgate.server.internal.registry.OriginStream;
import dev.tollgate.server.internal.usage.UsageSession;
import dev.tollgate.server.internal.usage.UsageSessionStore;
import dev.tollgate.token.Claims;
import dev.tollgate.token.RequiredTag;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * What every media-server hook does once its dialect is read: find the channel or room the client names, decide with
 * the one edge-decision path ({@link EdgeDecisions}) for the channel's owner, apply what only a hook can (a
 * session-bound token's open session, {@code max-sessions}), and store the usage session — and for a publish the
 * origin stream — before the hook answers. Later calls of the same connection keep the session alive ({@link
 * #keepAlive}) or end it ({@link #end}).
 *
 * <p>The target of a play is the channel's newest live origin stream when one is live (so a {@code forOriginStream}
 * token can be checked, and a channel designation still names it through the stream's tags), else the channel itself.
 * The target of a publish is the channel; the stream it opens gets a new ID.
 *
 * <p>{@code max-sessions} is counted from the open usage sessions before the new one is stored, outside one
 * transaction: two clients admitted in the same instant may both pass at the limit. It bounds sharing, it is not a
 * lock. Thread-safe.
 */
public final class StreamGate {
    /** The capability that limits how many sessions one token may hold open at once (Tollgate's extension). */
    public static final String MAX_SESSIONS = "max-sessions=";

    /** The largest {@code max-sessions} value read; larger ones are malformed. */
    static final int MAX_SESSIONS_LIMIT = 100_000;

    private static final char[] ID_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final EdgeDecisions decisions;
    private final ChannelStore channels;
    private final UsageSessionStore sessions;
    private final SessionLookup platformSessions;
    private final Duration sessionTimeout;
    private final SecureRandom random;
    private final Clock clock;

    public StreamGate(
            EdgeDecisions decisions,
            ChannelStore channels,
            UsageSessionStore sessions,
            SessionLookup platformSessions,
            Duration sessionTimeout,
            SecureRandom random,
            Clock clock) {
        this.decisions = Objects.requireNonNull(decisions, "decisions");
        this.channels = Objects.requireNonNull(channels, "channels");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.platformSessions = Objects.requireNonNull(platformSessions, "platformSessions");
        this.sessionTimeout = Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Decides a play or publish and, when admitted, stores its usage session (and a publish's origin stream). */
    public Admission admit(StreamCall call) {
        Instant now = clock.instant();
        if (call.token().isEmpty() || call.token().get().isEmpty()) {
            return Admission.Refused.of(401, ErrorCode.MISSING_TOKEN, "the client presented no token");
        }
        Optional<Channel> found = channels.find(call.applicationId(), call.kind(), call.name());
        if (found.isEmpty()) {
            return Admission.Refused.of(
                    403,
                    ErrorCode.UNKNOWN_CHANNEL,
                    "no " + call.kind().wireName() + " '" + call.name() + "' in application " + call.applicationId());
        }
        Channel channel = found.get();
        Optional<OriginStream> live = call.action() == Action.SUBSCRIBE
                ? channels.liveStreams(channel.id()).stream().findFirst()
                : Optional.empty();
        Target target = live.map(OriginStream::target).orElseGet(channel::target);
        AccessRequest.Builder request = AccessRequest.builder()
                .action(call.action())
                .target(target)
                .applicationId(channel.applicationId())
                .time(now);
        if (call.clientAddress().isPresent()) {
            try {
                request.remoteAddress(call.clientAddress().get());
            } catch (IllegalArgumentException e) {
                // Not an IP literal: the address stays unknown, so a token bound to one is refused by the policy.
            }
        }
        call.sessionId().ifPresent(request::sessionId);
        Decision decision = decisions.decide(call.token().get(), request.build());
        if (decision instanceof Denied denied) {
            return Admission.Refused.of(denied);
        }
        Allowed allowed = (Allowed) decision;
        Claims claims = allowed.claims();
        if (claims.sessionId().isPresent()
                && !platformSessions.isOpen(
                        channel.applicationId(), claims.sessionId().get(), now)) {
            return Admission.Refused.of(
                    403,
                    ErrorCode.SESSION_NOT_OPEN,
                    "the token is bound to session " + claims.sessionId().get()
                            + ", which is not an open session of the application");
        }
        // The grant, not its carrier: the same token through a reference, or re-signed after a secret rotation,
        // counts as one.
        String digest = Sha256.hex(allowed.applicationId() + "\n" + claims.json());
        OptionalInt maxSessions = maxSessions(claims);
        if (maxSessions.isEmpty() && hasMaxSessions(claims)) {
            return new Admission.Refused(
                    401,
                    DenialCode.BAD_TOKEN.code(),
                    "the max-sessions capability is not a whole number from 1 to " + MAX_SESSIONS_LIMIT);
        }
        if (maxSessions.isPresent()) {
            int open = sessions.countOpen(digest, now.minus(sessionTimeout));
            if (open >= maxSessions.getAsInt()) {
                return Admission.Refused.of(
                        403,
                        ErrorCode.TOO_MANY_SESSIONS,
                        "the token holds " + open + " open sessions, its max-sessions is " + maxSessions.getAsInt());
            }
        }
        Optional<OriginStream> stream = live;
        if (call.action() == Action.PUBLISH) {
            OriginStream opened = new OriginStream(streamId(), channel, now, Optional.empty());
            channels.openStream(opened);
            stream = Optional.of(opened);
        }
        UsageSession session = new UsageSession(
                UUID.randomUUID().toString(),
                call.mediaServer(),
                call.clientKey(),
                channel.applicationId(),
                Optional.of(channel.id()),
                stream.map(OriginStream::id),
                call.action(),
                claims.type().name().toLowerCase(Locale.ROOT),
                claims.requiredTag().map(RequiredTag::raw),
                digest,
                allowed.applyTags(),
                call.clientAddress(),
                allowed.location().map(GeoLocation::country),
                now,
                now,
                Optional.empty(),
                claims.sessionId());
        try {
            sessions.open(session);
        } catch (RuntimeException e) {
            // Fail closed and leave no live stream behind that nobody was admitted to publish.
            stream.filter(s -> call.action() == Action.PUBLISH).ifPresent(s -> endQuietly(s, now));
            throw e;
        }
        return new Admission.Admitted(session, allowed, stream);
    }

    /**
     * What a keep-alive checks of an established stream against the revocation list: what its usage session keeps of
     * its token. A hook that skips the store between checks ({@link HttpAuthHook}) keeps it to check every fetch.
     *
     * @param grantDigest the token's grant digest
     * @param channelId the channel or room streamed
     * @param requiredTag the token's designation as signed
     * @param tags the token's applied tags
     * @param boundSessionId the platform session the token was bound to
     */
    record Streamed(
            String applicationId,
            String grantDigest,
            Optional<String> channelId,
            Optional<String> requiredTag,
            List<String> tags,
            Optional<String> boundSessionId) {
        static Streamed of(UsageSession session) {
            return new Streamed(
                    session.applicationId(),
                    session.tokenDigest(),
                    session.channelId(),
                    session.requiredTag(),
                    session.tags(),
                    session.boundSessionId());
        }
    }

    /** What a keep-alive found: the stream goes on, or it is refused (and its usage session ended if it was open). */
    sealed interface Liveness {}

    record Alive(Streamed streamed) implements Liveness {}

    record Ended(Admission.Refused refused) implements Liveness {}

    /**
     * A media server's periodic check of a connection ({@code on_update}): kept while its usage session is open —
     * past the token's expiry, as the seed requires ("the user may watch the stream until the stream stops or is
     * terminated") — refused when no such session is open, or when its token is now revoked ({@link #revoked}).
     */
    public Optional<Admission.Refused> keepAlive(String mediaServer, String clientKey) {
        return switch (liveness(mediaServer, clientKey)) {
            case Alive alive -> Optional.empty();
            case Ended ended -> Optional.of(ended.refused());
        };
    }

    /** {@link #keepAlive}, answering what the stream's token was when it goes on. */
    Liveness liveness(String mediaServer, String clientKey) {
        Instant now = clock.instant();
        Optional<UsageSession> open = sessions.findOpen(mediaServer, clientKey);
        if (open.isPresent()) {
            Streamed streamed = Streamed.of(open.get());
            Optional<Admission.Refused> refused = revoked(mediaServer, clientKey, streamed);
            if (refused.isPresent()) {
                return new Ended(refused.get());
            }
            if (sessions.touch(mediaServer, clientKey, now)) {
                return new Alive(streamed);
            }
        }
        return new Ended(Admission.Refused.of(
                403, ErrorCode.UNKNOWN_SESSION, "no open " + mediaServer + " session for client " + clientKey));
    }

    /**
     * Whether an established stream is revoked now — by its grant digest, the channel streamed, the designation, an
     * applied tag or the platform session its token was bound to — from memory, with no store query: then its usage
     * session ends here, so that the media server's refusal and the usage record agree. Past the revocation list's
     * staleness bound it is refused as a new admission would be ({@code revocations-unavailable}, fail closed).
     */
    Optional<Admission.Refused> revoked(String mediaServer, String clientKey, Streamed streamed) {
        RevocationList.Status status = decisions
                .revocations()
                .checkStream(
                        streamed.applicationId(),
                        streamed.grantDigest(),
                        streamed.channelId(),
                        streamed.requiredTag(),
                        streamed.tags(),
                        streamed.boundSessionId());
        Optional<Admission.Refused> refused = switch (status) {
            case RevocationList.NotRevoked notRevoked -> Optional.empty();
            case RevocationList.Revoked revoked ->
                Optional.of(new Admission.Refused(401, DenialCode.REVOKED.code(), revoked.describe()));
            case RevocationList.Unavailable unavailable ->
                Optional.of(
                        new Admission.Refused(503, DenialCode.REVOCATIONS_UNAVAILABLE.code(), unavailable.detail()));
        };
        if (refused.isPresent()) {
            end(mediaServer, clientKey);
        }
        return refused;
    }

    /** A connection ended: its usage session ends, and a publisher's origin stream with it. */
    public Optional<UsageSession> end(String mediaServer, String clientKey) {
        Instant now = clock.instant();
        Optional<UsageSession> ended = sessions.close(mediaServer, clientKey, now);
        ended.filter(session -> session.action() == Action.PUBLISH)
                .flatMap(UsageSession::streamId)
                .ifPresent(streamId -> channels.endStream(streamId, now));
        return ended;
    }

    /** The {@code max-sessions=N} capability's N; empty when there is none or it is malformed. */
    static OptionalInt maxSessions(Claims claims) {
        for (String capability : claims.capabilities()) {
            if (capability.startsWith(MAX_SESSIONS)) {
                String value = capability.substring(MAX_SESSIONS.length());
                if (value.isEmpty() || value.length() > 6 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    return OptionalInt.empty();
                }
                int limit = Integer.parseInt(value);
                return limit >= 1 && limit <= MAX_SESSIONS_LIMIT ? OptionalInt.of(limit) : OptionalInt.empty();
            }
        }
        return OptionalInt.empty();
    }

    private static boolean hasMaxSessions(Claims claims) {
        return claims.capabilities().stream().anyMatch(c -> c.startsWith(MAX_SESSIONS));
    }

    private String streamId() {
        StringBuilder id = new StringBuilder("str_");
        for (int i = 0; i < 22; i++) {
            id.append(ID_ALPHABET[random.nextInt(ID_ALPHABET.length)]);
        }
        return id.toString();
    }

    private void endQuietly(OriginStream stream, Instant at) {
        try {
            channels.endStream(stream.id(), at);
        } catch (RuntimeException ignored) {
            // The store that just failed may fail again; the stream then stays live until its channel is deleted.
        }
    }
}
