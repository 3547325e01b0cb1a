package dev.tollgate.edge;

import dev.tollgate.token.VerificationCode;
import java.util.Arrays;
import java.util.Optional;

/**
 * Why the edge refused a request. The {@link #code()} strings are a wire contract: a test freezes the list, and
 * {@code docs/error-codes.md} explains each with the sentence of "Using EdgeAuth" it comes from.
 *
 * <p>Immutable and thread-safe.
 */
public enum DenialCode {
    /** The text does not start with {@code DIGEST:}. */
    NOT_A_DIGEST_TOKEN("not-a-digest-token"),
    /** The token is malformed. */
    BAD_TOKEN("bad-token"),
    /** The digest does not match under any secret of the application. */
    BAD_DIGEST("bad-digest"),
    /** The JVM cannot compute the digest. */
    UNSUPPORTED("unsupported"),
    /** The token expired before it was presented (beyond the clock skew). */
    EXPIRED("expired"),
    /** No secret is known for the token's application. */
    UNKNOWN_APPLICATION("unknown-application"),
    /** The token type does not permit the action. */
    WRONG_TOKEN_TYPE("wrong-token-type"),
    /** Subscribe or publish with a token that designates no channel, room or tag. */
    NO_DESIGNATION("no-designation"),
    /** The designation does not name the target. */
    DESIGNATION_MISMATCH("designation-mismatch"),
    /** The token was signed for another application than the one that owns the target. */
    APPLICATION_MISMATCH("application-mismatch"),
    /** The client address is not the token's {@code remoteAddress}. */
    REMOTE_ADDRESS_MISMATCH("remote-address-mismatch"),
    /** The session is not the token's {@code sessionId}. */
    SESSION_MISMATCH("session-mismatch"),
    /** The stream is not the token's {@code originStreamId}. */
    ORIGIN_STREAM_MISMATCH("origin-stream-mismatch"),
    /** The client's country is not on the token's {@code geo-country-allow} list. */
    COUNTRY_NOT_ALLOWED("country-not-allowed"),
    /** The client's country is on the token's {@code geo-country-deny} list. */
    COUNTRY_DENIED("country-denied"),
    /** The client's postal code is not on the token's {@code geo-postal-code-allow} list. */
    POSTAL_CODE_NOT_ALLOWED("postal-code-not-allowed"),
    /** The client's postal code is on the token's {@code geo-postal-code-deny} list. */
    POSTAL_CODE_DENIED("postal-code-denied"),
    /** A location constraint could not be evaluated: the edge fails closed. */
    LOCATION_UNAVAILABLE("location-unavailable"),
    /**
     * A token reference ({@code tgr_…}) is malformed, unknown or its token expired. The policy never sees references;
     * a server that resolves them refuses with this code before deciding ({@link Denied#before}).
     */
    UNKNOWN_TOKEN_REF("unknown-token-ref"),
    /**
     * The token is authentic but its application revoked it, or a tag, channel, room or session it names: the policy's
     * {@link RevocationList} matched an entry once every other check passed (the trace's {@code revocation} check
     * names it).
     */
    REVOKED("revoked"),
    /**
     * The policy's {@link RevocationList} cannot answer within its staleness bound (its store or feed has been
     * unreachable for too long): the decision fails closed, as for an unreadable location.
     */
    REVOCATIONS_UNAVAILABLE("revocations-unavailable");

    private final String code;

    DenialCode(String code) {
        this.code = code;
    }

    /** The stable kebab-case wire code, e.g. {@code wrong-token-type}. */
    public String code() {
        return code;
    }

    /**
     * Whether the token itself is refused as a credential — it is not a token, its digest or envelope is wrong, it
     * expired, its application or reference is unknown, it was revoked — rather than an authentic token the policy refuses for this
     * request. A server answers the first {@code 401} and the second {@code 403}.
     */
    public boolean refusesTheToken() {
        return switch (this) {
            case NOT_A_DIGEST_TOKEN,
                    BAD_TOKEN,
                    BAD_DIGEST,
                    UNSUPPORTED,
                    EXPIRED,
                    UNKNOWN_APPLICATION,
                    UNKNOWN_TOKEN_REF,
                    REVOKED -> true;
            case WRONG_TOKEN_TYPE,
                    NO_DESIGNATION,
                    DESIGNATION_MISMATCH,
                    APPLICATION_MISMATCH,
                    REMOTE_ADDRESS_MISMATCH,
                    SESSION_MISMATCH,
                    ORIGIN_STREAM_MISMATCH,
                    COUNTRY_NOT_ALLOWED,
                    COUNTRY_DENIED,
                    POSTAL_CODE_NOT_ALLOWED,
                    POSTAL_CODE_DENIED,
                    LOCATION_UNAVAILABLE,
                    REVOCATIONS_UNAVAILABLE -> false;
        };
    }

    /** The constant for a wire code, or empty when the code is not one of ours. */
    public static Optional<DenialCode> fromCode(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }

    /**
     * The denial for a token the verifier rejected.
     *
     * @throws IllegalArgumentException for {@link VerificationCode#VERIFIED}, which is no reason to deny
     */
    public static DenialCode of(VerificationCode rejection) {
        return switch (rejection) {
            case NOT_A_DIGEST_TOKEN -> NOT_A_DIGEST_TOKEN;
            case BAD_TOKEN -> BAD_TOKEN;
            case BAD_DIGEST -> BAD_DIGEST;
            case UNSUPPORTED -> UNSUPPORTED;
            case EXPIRED -> EXPIRED;
            case UNKNOWN_APPLICATION -> UNKNOWN_APPLICATION;
            case VERIFIED -> throw new IllegalArgumentException("'verified' is not a reason to deny");
        };
    }

    @Override
    public String toString() {
        return code;
    }
}
