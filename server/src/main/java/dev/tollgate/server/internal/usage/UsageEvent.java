package dev.tollgate.server.internal.usage;

import dev.tollgate.edge.AccessRequest;
import dev.tollgate.edge.Action;
import dev.tollgate.edge.Allowed;
import dev.tollgate.edge.Target;
import dev.tollgate.server.internal.http.JsonFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One allowing edge decision that had a side effect: a session opened or a stream authorised. It carries the token's
 * {@code applyTags} (seed "Using EdgeAuth": tags "available for filtering and as an output column in usage reports").
 *
 * <p>Tags are de-duplicated and kept in order; a tag longer than {@link #MAX_TAG_LENGTH} characters is cut to it and
 * at most {@link #MAX_TAGS} are kept, so that a token signed with absurd tags still records (and still allows) rather
 * than failing on the index. A target value is cut to {@link #MAX_TARGET_LENGTH} characters for the same reason.
 *
 * <p>For the same reason each C0 control character (U+0000 to U+001F) in a tag or target value is replaced by U+FFFD:
 * the tags come from a signed token, which the request boundary ({@link JsonFields}) never saw, and PostgreSQL refuses
 * U+0000 in text. The token was valid, so the decision stands and is recorded; the report shows the replacement.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id a random ID
 * @param applicationId the application whose token was allowed
 * @param action what was allowed
 * @param targetKind {@code session}, {@code channelId}, {@code channelAlias}, {@code roomId}, {@code roomAlias} or
 *     {@code originStreamId}
 * @param targetValue the session ID, channel alias, ...; empty for an authentication without a session ID
 * @param occurredAt when the decision was made (server clock)
 * @param tags the token's applied tags
 */
public record UsageEvent(
        String id,
        String applicationId,
        Action action,
        String targetKind,
        Optional<String> targetValue,
        Instant occurredAt,
        List<String> tags) {
    /** The longest tag kept; see {@code V6__usage.sql} for why. */
    public static final int MAX_TAG_LENGTH = 512;

    /** The most tags kept per event. */
    public static final int MAX_TAGS = 64;

    /** The longest target value kept. */
    public static final int MAX_TARGET_LENGTH = 1024;

    public UsageEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(targetKind, "targetKind");
        targetValue = Objects.requireNonNull(targetValue, "targetValue").map(v -> cut(printable(v), MAX_TARGET_LENGTH));
        Objects.requireNonNull(occurredAt, "occurredAt");
        Set<String> kept = new LinkedHashSet<>();
        for (String tag : tags) {
            if (kept.size() == MAX_TAGS) {
                break;
            }
            kept.add(cut(printable(tag), MAX_TAG_LENGTH));
        }
        tags = List.copyOf(new ArrayList<>(kept));
    }

    /** The edge allowed {@code request} ({@code POST /v1/edge/authorize}). */
    public static UsageEvent authorized(AccessRequest request, Allowed allowed) {
        String kind;
        Optional<String> value;
        switch (request.target().orElse(null)) {
            case null -> {
                kind = "session";
                value = request.sessionId();
            }
            case Target.Channel channel -> {
                kind = channel.alias().isPresent() ? "channelAlias" : "channelId";
                value = Optional.of(channel.alias().orElse(channel.id()));
            }
            case Target.Room room -> {
                kind = room.alias().isPresent() ? "roomAlias" : "roomId";
                value = Optional.of(room.alias().orElse(room.id()));
            }
            case Target.OriginStream stream -> {
                kind = "originStreamId";
                value = Optional.of(stream.id());
            }
        }
        return new UsageEvent(
                UUID.randomUUID().toString(),
                allowed.applicationId(),
                request.action(),
                kind,
                value,
                request.time(),
                allowed.applyTags());
    }

    private static String printable(String text) {
        if (!JsonFields.hasControl(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 ? '\uFFFD' : c);
        }
        return out.toString();
    }

    private static String cut(String text, int length) {
        if (text.length() <= length) {
            return text;
        }
        // Never split a surrogate pair: the database would store half a character.
        int end = Character.isHighSurrogate(text.charAt(length - 1)) ? length - 1 : length;
        return text.substring(0, end);
    }
}
