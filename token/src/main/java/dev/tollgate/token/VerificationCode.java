package dev.tollgate.token;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why a token was accepted or rejected. The {@link #code()} strings are a wire contract: the first five are the
 * reference EdgeAuth library's codes, the last two are Tollgate's. A test freezes the list so none is renamed.
 *
 * <p>Immutable and thread-safe.
 */
public enum VerificationCode {
    /** The digest matches and the claims are well formed. */
    VERIFIED("verified"),
    /** The text does not start with {@code DIGEST:}. */
    NOT_A_DIGEST_TOKEN("not-a-digest-token"),
    /** Malformed: bad base64, bad JSON, a missing, mistyped or duplicate field, or longer than the limit. */
    BAD_TOKEN("bad-token"),
    /** The digest does not match the claims under any secret of the application. */
    BAD_DIGEST("bad-digest"),
    /** The JVM lacks HmacSHA512. */
    UNSUPPORTED("unsupported"),
    /** The digest matches but the token expired (beyond the allowed clock skew). */
    EXPIRED("expired"),
    /** No secret is known for the token's application ID. */
    UNKNOWN_APPLICATION("unknown-application");

    private final String code;

    VerificationCode(String code) {
        this.code = code;
    }

    /** The stable kebab-case wire code, e.g. {@code bad-digest}. */
    public String code() {
        return code;
    }

    /** The constant for a wire code, or empty when the code is not one of ours. */
    public static Optional<VerificationCode> fromCode(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }

    @Override
    public String toString() {
        return code;
    }
}
