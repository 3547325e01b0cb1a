package dev.tollgate.token;

/**
 * The outcome of verifying a digest token: {@link Verified} or {@link Rejected}, never an exception.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public sealed interface Verification permits Verified, Rejected {

    /** {@code verified} for {@link Verified}, the reason otherwise. */
    VerificationCode code();

    /** Whether the token was verified. */
    default boolean isVerified() {
        return this instanceof Verified;
    }
}
