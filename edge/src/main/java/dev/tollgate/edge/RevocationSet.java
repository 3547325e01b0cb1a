package dev.tollgate.edge;

import dev.tollgate.token.Claims;
import dev.tollgate.token.RequiredTag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A snapshot of revocation entries, indexed so that a decision costs a few hash lookups however many entries there
 * are: by application, then by kind and value. It matches DIGEST tokens ({@link #check}), established streams ({@link
 * #matchingStream}) and JWTs ({@link #matchingJwt}); an entry matches only until its {@link Entry#endsAt()}.
 *
 * <p>A DIGEST token's own entry is looked up by its grant digest, a SHA-256 that would cost more than every other
 * lookup together; a token entry ends at that token's expiry, so the digest is computed only when some entry of the
 * application ends at exactly the presented token's expiry.
 *
 * <p>Whoever keeps a list current (Tollgate's server, the SDK's feed client) builds a new set for every change and
 * swaps it whole. Immutable and thread-safe.
 */
public final class RevocationSet implements RevocationList {
    /** No entries. */
    public static final RevocationSet EMPTY = new RevocationSet(Map.of(), 0);

    private final Map<String, Entries> byApplication;
    private final int size;

    private RevocationSet(Map<String, Entries> byApplication, int size) {
        this.byApplication = byApplication;
        this.size = size;
    }

    /**
     * One entry: what it matches and until when.
     *
     * @param id {@code rev_…}, what a refusal's trace names
     * @param applicationId the application whose tokens it matches
     * @param kind what it matches
     * @param value the match: a grant digest or {@code jti:…} ({@link RevocationKind#TOKEN}), a tag, a channel's or
     *     room's ID (or the designation's literal name when none is registered), a session ID, an external ID, or an
     *     epoch-millisecond watermark ({@link RevocationKind#ISSUED_BEFORE})
     * @param alias the channel's or room's alias, when it is registered with one: a designation by alias matches too
     * @param endsAt when it stops matching; a DIGEST or JWT token's entry ends at that token's expiry
     */
    public record Entry(
            String id,
            String applicationId,
            RevocationKind kind,
            String value,
            Optional<String> alias,
            Instant endsAt) {
        public Entry {
            Objects.requireNonNull(id, "id must not be null");
            Objects.requireNonNull(applicationId, "applicationId must not be null");
            Objects.requireNonNull(kind, "kind must not be null");
            Objects.requireNonNull(value, "value must not be null");
            Objects.requireNonNull(alias, "alias must not be null");
            Objects.requireNonNull(endsAt, "endsAt must not be null");
        }

        /** Whether it still matches at {@code at}. */
        public boolean activeAt(Instant at) {
            return endsAt.isAfter(at);
        }

        /** The status of a decision it refuses. */
        public Revoked revoked() {
            return new Revoked(id, kind);
        }
    }

    /**
     * Indexes entries. Of two entries with the same application, kind and value, the one ending later wins.
     *
     * @throws IllegalArgumentException if an {@link RevocationKind#ISSUED_BEFORE} entry's value is not a number
     */
    public static RevocationSet of(Collection<Entry> entries) {
        Map<String, Entries> byApplication = new HashMap<>();
        for (Entry entry : entries) {
            byApplication
                    .computeIfAbsent(entry.applicationId(), app -> new Entries())
                    .add(entry);
        }
        return byApplication.isEmpty() ? EMPTY : new RevocationSet(Map.copyOf(byApplication), entries.size());
    }

    /** How many entries it was built from. */
    public int size() {
        return size;
    }

    @Override
    public Status check(String applicationId, Claims claims, Instant at) {
        Entries of = byApplication.get(applicationId);
        if (of == null) {
            return Status.NOT_REVOKED;
        }
        Entry found = null;
        if (of.tokenExpiries.contains(claims.expires())) {
            found = active(of.tokens.get(RevocationList.grantDigest(applicationId, claims)), at);
        }
        if (found == null && claims.requiredTag().isPresent()) {
            found = of.designated(claims.requiredTag().get(), at);
        }
        if (found == null) {
            found = of.anyTag(claims.applyTags(), at);
        }
        if (found == null && claims.sessionId().isPresent()) {
            found = active(of.sessions.get(claims.sessionId().get()), at);
        }
        return found == null ? Status.NOT_REVOKED : found.revoked();
    }

    /**
     * The active entry matching an established stream, by what the media server's session keeps of its token.
     *
     * @param grantDigest the token's {@link RevocationList#grantDigest}
     * @param channelId the registered channel streamed, when known
     * @param requiredTag the token's designation as written ({@code channelAlias:live}), when it had one
     * @param tags the tags the token applied
     * @param sessionId the session the token was bound to ({@code sessionId}), when it was
     */
    public Optional<Entry> matchingStream(
            String applicationId,
            String grantDigest,
            Optional<String> channelId,
            Optional<String> requiredTag,
            List<String> tags,
            Optional<String> sessionId,
            Instant at) {
        Entries of = byApplication.get(applicationId);
        if (of == null) {
            return Optional.empty();
        }
        Entry found = active(of.tokens.get(grantDigest), at);
        if (found == null && channelId.isPresent()) {
            found = active(of.channels.get(channelId.get()), at);
            if (found == null) {
                found = active(of.rooms.get(channelId.get()), at);
            }
        }
        if (found == null && requiredTag.isPresent()) {
            found = of.designated(RequiredTag.parse(requiredTag.get()), at);
        }
        if (found == null) {
            found = of.anyTag(tags, at);
        }
        if (found == null && sessionId.isPresent()) {
            found = active(of.sessions.get(sessionId.get()), at);
        }
        return Optional.ofNullable(found);
    }

    /**
     * The active entry matching a JWT the server issued (an API token or a client access token): by its {@code jti},
     * its external ID (client access tokens) or an {@code iat} watermark.
     */
    public Optional<Entry> matchingJwt(
            String applicationId, String jti, Optional<String> externalId, Instant issuedAt, Instant at) {
        Entries of = byApplication.get(applicationId);
        if (of == null) {
            return Optional.empty();
        }
        Entry found = jti == null ? null : active(of.tokens.get("jti:" + jti), at);
        if (found == null && externalId.isPresent()) {
            found = active(of.subjects.get(externalId.get()), at);
        }
        if (found == null) {
            for (Watermark watermark : of.issuedBefore) {
                if (issuedAt.toEpochMilli() < watermark.millis()
                        && watermark.entry().activeAt(at)) {
                    found = watermark.entry();
                    break;
                }
            }
        }
        return Optional.ofNullable(found);
    }

    private static Entry active(Entry entry, Instant at) {
        return entry != null && entry.activeAt(at) ? entry : null;
    }

    private record Watermark(long millis, Entry entry) {}

    /** One application's entries by kind; filled once, then only read. */
    private static final class Entries {
        final Map<String, Entry> tokens = new HashMap<>();
        final Set<Long> tokenExpiries = new HashSet<>();
        final Map<String, Entry> tags = new HashMap<>();
        final Map<String, Entry> channels = new HashMap<>();
        final Map<String, Entry> channelAliases = new HashMap<>();
        final Map<String, Entry> rooms = new HashMap<>();
        final Map<String, Entry> roomAliases = new HashMap<>();
        final Map<String, Entry> sessions = new HashMap<>();
        final Map<String, Entry> subjects = new HashMap<>();
        final List<Watermark> issuedBefore = new ArrayList<>(1);

        void add(Entry entry) {
            switch (entry.kind()) {
                case TOKEN -> {
                    put(tokens, entry.value(), entry);
                    tokenExpiries.add(entry.endsAt().toEpochMilli());
                }
                case TAG -> put(tags, entry.value(), entry);
                case CHANNEL -> {
                    put(channels, entry.value(), entry);
                    entry.alias().ifPresent(alias -> put(channelAliases, alias, entry));
                }
                case ROOM -> {
                    put(rooms, entry.value(), entry);
                    entry.alias().ifPresent(alias -> put(roomAliases, alias, entry));
                }
                case SESSION -> put(sessions, entry.value(), entry);
                case SUBJECT -> put(subjects, entry.value(), entry);
                case ISSUED_BEFORE -> {
                    long millis;
                    try {
                        millis = Long.parseLong(entry.value());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(
                                "issued-before entry " + entry.id() + " has a value that is not epoch milliseconds");
                    }
                    issuedBefore.add(new Watermark(millis, entry));
                }
            }
        }

        private static void put(Map<String, Entry> map, String key, Entry entry) {
            map.merge(key, entry, (a, b) -> a.endsAt().isAfter(b.endsAt()) ? a : b);
        }

        /**
         * The entry matching a designation: a channel or room by ID, or by alias (the registered alias, else the
         * literal name), else a tag; a tag entry also matches the designation as written.
         */
        Entry designated(RequiredTag tag, Instant at) {
            String value = tag.value();
            Entry found = switch (tag.kind()) {
                case CHANNEL_ID -> active(channels.get(value), at);
                case CHANNEL_ALIAS -> {
                    Entry byAlias = active(channelAliases.get(value), at);
                    yield byAlias != null ? byAlias : active(channels.get(value), at);
                }
                case ROOM_ID -> active(rooms.get(value), at);
                case ROOM_ALIAS -> {
                    Entry byAlias = active(roomAliases.get(value), at);
                    yield byAlias != null ? byAlias : active(rooms.get(value), at);
                }
                case OTHER -> null;
            };
            return found != null || tags.isEmpty() ? found : active(tags.get(tag.raw()), at);
        }

        Entry anyTag(List<String> applied, Instant at) {
            if (tags.isEmpty()) {
                return null;
            }
            for (String tag : applied) {
                Entry entry = active(tags.get(tag), at);
                if (entry != null) {
                    return entry;
                }
            }
            return null;
        }
    }
}
