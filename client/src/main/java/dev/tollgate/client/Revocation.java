package dev.tollgate.client;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of an application's revocation list ({@code /v1/revocations}): what it matches and until when. While it
 * is active every decision it matches is refused {@code revoked}, and the streams it matches are cut at their media
 * server's next check. Immutable and thread-safe.
 *
 * @param id {@code rev_…}, what a refusal's trace names and {@link TollgateClient#withdrawRevocation} takes
 * @param applicationId the application whose tokens it matches
 * @param kind what it matches
 * @param value the match as the server keeps it: a grant digest or {@code jti:…} for a token (never the token), the
 *     tag, the channel's or room's ID, the session ID, the external ID, or the watermark in epoch milliseconds
 * @param alias the channel's or room's alias when it is a registered one (a token designating the alias matches too)
 * @param createdAt when it was made
 * @param endsAt when it stops matching: a token's at the token's expiry, the others at the end given, or by default
 *     24 h for {@link Kind#SUBJECT} and {@link Kind#ISSUED_BEFORE} and the server's revocation horizon (30 days
 *     unless configured) for the rest
 */
public record Revocation(
        String id,
        String applicationId,
        Kind kind,
        String value,
        Optional<String> alias,
        Instant createdAt,
        Instant endsAt) {
    public Revocation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(endsAt, "endsAt");
    }

    /** What an entry matches; {@link #wireName()} is the server's name for it. */
    public enum Kind {
        /** One token: a DIGEST token, its {@code tgr_} reference, an API token or a client access token. */
        TOKEN("token"),
        /** Every token that requires or applies the tag. */
        TAG("tag"),
        /** Every token designating the channel, by ID or alias. */
        CHANNEL("channel"),
        /** Every token designating the room, by ID or alias. */
        ROOM("room"),
        /** Every token bound to the session ({@code sessionId}) and the streams opened with one. */
        SESSION("session"),
        /** Every client access token of the external ID. */
        SUBJECT("subject"),
        /** Every API and client access token of the application issued before the instant. */
        ISSUED_BEFORE("issued-before");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        /** The kind of a wire name, or empty when it is none. */
        public static Optional<Kind> fromWireName(String name) {
            return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
        }
    }
}
