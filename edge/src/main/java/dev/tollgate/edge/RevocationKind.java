package dev.tollgate.edge;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a revocation entry matches; {@link #wireName()} is the stable kebab-case name on the wire, in the feed and in
 * the server's table.
 */
public enum RevocationKind {
    /**
     * One token: a DIGEST token by its grant digest ({@link RevocationList#grantDigest}), a JWT by {@code jti:} and
     * its ID.
     */
    TOKEN("token", false),
    /** Every token that requires or applies the tag ({@code requiredTag}, {@code applyTags}). */
    TAG("tag", false),
    /** Every token designating the channel, by its ID or its alias. */
    CHANNEL("channel", false),
    /** Every token designating the room, by its ID or its alias. */
    ROOM("room", false),
    /** Every token bound to the session ({@code sessionId}), and the streams opened with one. */
    SESSION("session", false),
    /** Every client access token of an external ID. */
    SUBJECT("subject", true),
    /** Every JWT of the application issued ({@code iat}) before the watermark, epoch milliseconds as text. */
    ISSUED_BEFORE("issued-before", true);

    private final String wireName;
    private final boolean jwtOnly;

    RevocationKind(String wireName, boolean jwtOnly) {
        this.wireName = wireName;
        this.jwtOnly = jwtOnly;
    }

    /** The stable name, e.g. {@code issued-before}. */
    public String wireName() {
        return wireName;
    }

    /**
     * Whether only JWTs (at most 24 h long) can match it, so that its default end is 24 h rather than the DIGEST
     * horizon.
     */
    public boolean jwtOnly() {
        return jwtOnly;
    }

    /** The kind of a wire name, or empty when it is none. */
    public static Optional<RevocationKind> fromWireName(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
