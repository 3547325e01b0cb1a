package dev.tollgate.server.internal.accounts;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.http.Rejection;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Account passwords as Argon2id hashes (password4j), with the OWASP Password Storage Cheat Sheet's parameters:
 * m = 19 MiB, t = 2, p = 1, a 16-byte random salt, a 32-byte output, stored as the PHC string. The admin credential
 * is hashed with the same parameters ({@code access.AdminCredential}).
 *
 * <p>A password is 12 to 256 characters (NIST SP 800-63B §3.1.1.2 asks for at least 8 and lets a verifier ask for
 * more; no composition rules). Each check costs tens of milliseconds and 19 MiB: at most {@link #CONCURRENT_CHECKS}
 * run at once, so that a flood of sign-ins on virtual threads cannot allocate without bound; a check that cannot start
 * within {@link #WAIT} is answered 429 rather than counted as a failure. Thread-safe.
 */
public final class Passwords {
    public static final Argon2Function ARGON2ID = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);
    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 256;
    static final int CONCURRENT_CHECKS = 2;
    static final Duration WAIT = Duration.ofSeconds(5);

    private final Semaphore checks = new Semaphore(CONCURRENT_CHECKS);
    // Checked against for an unknown email, so that it costs what a known one does.
    private final String decoy = hashUnbounded("tollgate-decoy-password");

    /** Why a new password is refused, safe to answer; empty when it is acceptable. */
    public static Optional<String> weakness(String password) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            return Optional.of("a password is " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
        }
        return Optional.empty();
    }

    /** The Argon2id PHC string of {@code password}. */
    public String hash(String password) {
        acquire();
        try {
            return hashUnbounded(password);
        } finally {
            checks.release();
        }
    }

    /** Whether {@code password} matches {@code hash}. */
    public boolean matches(String password, String hash) {
        if (password.length() > MAX_LENGTH * 2) {
            return false;
        }
        acquire();
        try {
            return Password.check(password, hash).with(ARGON2ID);
        } finally {
            checks.release();
        }
    }

    /** Spends the time of one check and answers false: the answer for an account that does not exist. */
    public boolean matchesNothing(String password) {
        matches(password, decoy);
        return false;
    }

    private void acquire() {
        boolean acquired;
        try {
            acquired = checks.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw Rejection.tooManyRequests(
                            ErrorCode.TOO_MANY_REQUESTS,
                            "too many password checks at once; retry",
                            Duration.ofSeconds(1))
                    .logDetail("every Argon2id slot busy for " + WAIT);
        }
    }

    private static String hashUnbounded(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
    }
}
