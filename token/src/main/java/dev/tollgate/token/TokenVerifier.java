package dev.tollgate.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Verifies digest tokens for many applications: finds the application's secrets, checks the digest in constant time
 * against each, then checks expiry against the injected clock with a bounded skew. Codes: those of {@link
 * DigestTokens#verifyAndDecode}, plus {@code unknown-application} and {@code expired}. Unlike the reference-compatible
 * {@link DigestTokens#verifyAndDecode}, it also rejects as {@code bad-token} an authentic token whose location
 * capability is malformed (e.g. {@code geo-country-allow=usa}), since no edge could enforce it.
 *
 * <p>A token is valid while {@code now < expires + skew}. Immutable and thread-safe if its {@link SecretResolver} is.
 */
public final class TokenVerifier {
    /** The default tolerance for clocks that disagree: one minute. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

    /** The largest skew accepted: beyond it, expiry would mean little. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(10);

    private final SecretResolver secrets;
    private final Clock clock;
    private final Duration clockSkew;

    private TokenVerifier(Builder builder) {
        this.secrets = builder.secrets;
        this.clock = builder.clock;
        this.clockSkew = builder.clockSkew;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Verifies a token at the clock's current time. */
    public Verification verify(String token) {
        return verify(token, clock.instant());
    }

    /** Verifies a token as of the given instant (to replay a past decision). */
    public Verification verify(String token, Instant at) {
        Objects.requireNonNull(at, "at must not be null");
        TokenParser.Result<TokenParser.Envelope> read = TokenParser.envelope(token);
        if (read.value().isEmpty()) {
            return read.rejection().orElseThrow();
        }
        TokenParser.Envelope envelope = read.value().get();
        List<String> candidates = secrets.secretsFor(envelope.applicationId());
        if (candidates == null || candidates.isEmpty()) {
            return new Rejected(VerificationCode.UNKNOWN_APPLICATION, "no secret is known for the application");
        }
        Verification result = null;
        for (String secret : candidates) {
            result = DigestTokens.verifyEnvelope(envelope, secret);
            if (result.code() != VerificationCode.BAD_DIGEST) {
                break;
            }
        }
        if (result instanceof Verified verified) {
            if (verified.claims().location().isEmpty()) {
                // Fail closed where Tollgate verifies: a location constraint that cannot be read must never let the
                // token through. (DigestTokens.verifyAndDecode says "verified" here, as the reference does.)
                return Rejected.authentic(
                        VerificationCode.BAD_TOKEN,
                        "a location capability is malformed: "
                                + LocationConstraints.malformation(
                                                verified.claims().capabilities())
                                        .orElse("unreadable"),
                        verified);
            }
            Instant expiresAt = verified.claims().expiresAt();
            if (!at.isBefore(expiresAt.plus(clockSkew))) {
                return Rejected.authentic(
                        VerificationCode.EXPIRED,
                        "expired at " + expiresAt + ", checked at " + at + " with a skew of " + clockSkew,
                        verified);
            }
        }
        return result;
    }

    /** The clock this verifier reads. */
    public Clock clock() {
        return clock;
    }

    /** The tolerated clock skew. */
    public Duration clockSkew() {
        return clockSkew;
    }

    /** Builds {@link TokenVerifier}s; reusable, not thread-safe. */
    public static final class Builder {
        private SecretResolver secrets;
        private Clock clock = Clock.systemUTC();
        private Duration clockSkew = DEFAULT_CLOCK_SKEW;

        private Builder() {}

        /** Where secrets come from (required). */
        public Builder secrets(SecretResolver secrets) {
            this.secrets = Objects.requireNonNull(secrets, "secrets must not be null");
            return this;
        }

        /** The clock expiry is checked against (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /** How long after {@code expires} a token is still accepted (default 60 s, at most 10 minutes). */
        public Builder clockSkew(Duration skew) {
            Objects.requireNonNull(skew, "skew must not be null");
            if (skew.isNegative() || skew.compareTo(MAX_CLOCK_SKEW) > 0) {
                throw new IllegalArgumentException(
                        "clock skew must be between 0 and " + MAX_CLOCK_SKEW + ", was " + skew);
            }
            this.clockSkew = skew;
            return this;
        }

        public TokenVerifier build() {
            if (secrets == null) {
                throw new IllegalStateException("secrets are required: call secrets(...) before build()");
            }
            return new TokenVerifier(this);
        }
    }
}
