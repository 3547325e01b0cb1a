package dev.tollgate.server.internal.refs;

import dev.tollgate.server.internal.keys.Sha256;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A token reference: {@code tgr_} and 22 base64url characters (128 random bits). Only {@code [A-Za-z0-9_-]}, so it
 * survives every carrier a DIGEST token breaks: nginx-rtmp's 255-byte name + query, ffmpeg URLs (a {@code /} splits
 * the path) and form decoding (a {@code +} becomes a space). {@link #toString()} shows only the first characters:
 * the value is a credential and must never reach a log in full.
 *
 * <p>Immutable and thread-safe.
 */
public record TokenRef(String value) {
    /** What every reference starts with; no DIGEST token or JWT does. */
    public static final String PREFIX = "tgr_";

    private static final int RANDOM_BYTES = 16;
    private static final Pattern FORMAT = Pattern.compile("tgr_[A-Za-z0-9_-]{22}");

    public TokenRef {
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("a token reference is tgr_ and 22 base64url characters");
        }
    }

    /** A new reference from 128 random bits. */
    static TokenRef random(SecureRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return new TokenRef(PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** Whether a presented value is meant as a reference (well formed or not). */
    public static boolean isReference(String presented) {
        return presented.startsWith(PREFIX);
    }

    /** The reference, when the value is a well-formed one. */
    public static Optional<TokenRef> parse(String presented) {
        return FORMAT.matcher(presented).matches() ? Optional.of(new TokenRef(presented)) : Optional.empty();
    }

    /** The lookup key: the store holds hashes, never the reference itself. */
    String hash() {
        return Sha256.hex(value);
    }

    /** Enough to tell references apart in a log, too little to use one. */
    public String redacted() {
        return value.substring(0, PREFIX.length() + 4) + "…";
    }

    @Override
    public String toString() {
        return "TokenRef[" + redacted() + "]";
    }
}
