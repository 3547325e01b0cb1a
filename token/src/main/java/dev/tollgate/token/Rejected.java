package dev.tollgate.token;

import java.util.Objects;

/**
 * A token that was refused.
 *
 * @param code the stable reason
 * @param detail what exactly failed, for logs; never contains a secret or the token
 */
public record Rejected(VerificationCode code, String detail) implements Verification, Decoding {
    public Rejected {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
        if (code == VerificationCode.VERIFIED) {
            throw new IllegalArgumentException("a rejection cannot carry the code 'verified'");
        }
    }
}
