package dev.tollgate.server.internal.revocations;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of an application's revocation list: a match ({@link #kind()} and {@link #value()}) and the instant it
 * stops matching ({@link #endsAt()}), after which the purge deletes it. Schema {@code V12__revocations.sql} says what
 * each kind's value is; a token is never held in clear.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id {@code rev_} and a random suffix; the trace of a refusal names it
 * @param applicationId the application whose tokens it matches
 * @param kind what it matches
 * @param value the match: a grant digest, {@code jti:…}, a tag, a channel ID, a session ID, an external ID, or an
 *     epoch-millisecond watermark
 * @param alias a channel's or room's alias, when it was registered (a {@code channelAlias:} designation matches too)
 * @param createdAt when it was made
 * @param endsAt when it stops matching (a withdrawn entry ends when it was withdrawn)
 * @param sequence the change number: larger for every insert or withdrawal, so a reader re-reads only what is newer
 */
public record Revocation(
        String id,
        String applicationId,
        Kind kind,
        String value,
        Optional<String> alias,
        Instant createdAt,
        Instant endsAt,
        long sequence) {

    /** What an entry matches; {@link #wireName()} is the stable kebab-case name on the wire and in the table. */
    public enum Kind {
        /** One token: a DIGEST token by its grant digest, a JWT by {@code jti:}. */
        TOKEN("token", false),
        /** Every token that requires or applies the tag. */
        TAG("tag", false),
        /** Every token designating the channel. */
        CHANNEL("channel", false),
        /** Every token designating the room. */
        ROOM("room", false),
        /** Every token bound to the session. */
        SESSION("session", false),
        /** Every client access token of the external ID. */
        SUBJECT("subject", true),
        /** Every JWT of the application issued before the watermark. */
        ISSUED_BEFORE("issued-before", true);

        private final String wireName;
        private final boolean jwtOnly;

        Kind(String wireName, boolean jwtOnly) {
            this.wireName = wireName;
            this.jwtOnly = jwtOnly;
        }

        public String wireName() {
            return wireName;
        }

        /**
         * Whether only JWTs (at most 24 h long, {@code ServerConfig.MAX_TOKEN_LIFETIME}) can match it, so that its
         * default end is 24 h rather than the DIGEST horizon.
         */
        public boolean jwtOnly() {
            return jwtOnly;
        }

        /** The kind of a wire name, or empty when it is none. */
        public static Optional<Kind> fromWireName(String name) {
            return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
        }
    }

    public Revocation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(endsAt, "endsAt");
    }

    /** Whether it still matches at {@code at}. */
    public boolean activeAt(Instant at) {
        return endsAt.isAfter(at);
    }
}
