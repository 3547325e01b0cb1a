package dev.tollgate.token;

import java.util.Objects;
import java.util.Optional;

/**
 * A token that was refused.
 *
 * @param code the stable reason
 * @param detail what exactly failed, for logs; never contains a secret or the token
 * @param authentic the token's application and claims when its digest verified but it is refused all the same
 *     ({@code expired}, or {@code bad-token} for a location capability no edge could enforce): its claims explain the
 *     refusal, and whoever shows them need not verify the token a second time. Empty for every other refusal
 */
public record Rejected(VerificationCode code, String detail, Optional<Verified> authentic)
        implements Verification, Decoding {
    public Rejected {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(authentic, "authentic (use Optional.empty())");
        if (code == VerificationCode.VERIFIED) {
            throw new IllegalArgumentException("a rejection cannot carry the code 'verified'");
        }
    }

    /** A refusal of a token whose digest did not verify, or that could not be read. */
    public Rejected(VerificationCode code, String detail) {
        this(code, detail, Optional.empty());
    }

    /** A refusal of a token whose digest verified. */
    static Rejected authentic(VerificationCode code, String detail, Verified token) {
        return new Rejected(code, detail, Optional.of(token));
    }
}
