package dev.tollgate.server.internal.refs;

import dev.tollgate.server.internal.keys.SecretBox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns what a client presented as an EdgeAuth token into the token to verify: a {@code tgr_} reference becomes the
 * stored token, anything else stays as it is. The caller then verifies the result in full, exactly as if it had been
 * presented (expiry included): a reference adds no trust, it only shortens the carrier. Every endpoint that accepts
 * an EdgeAuth token goes through here: {@code /v1/tokens/verify}, {@code /v1/sessions}, {@code /v1/edge/authorize}
 * and the media-server hooks under {@code /hooks/}, whose clients put {@code ?token=tgr_...} in RTMP and HLS URLs.
 *
 * <p>An unknown, malformed or expired reference is {@link Unresolved} with the stable code {@link #UNKNOWN}; the
 * caller refuses it as it refuses a bad token. "Expired" uses the verifier's boundary (the token's {@code expires}
 * plus the clock skew), so a reference never outlives its token and a purge never changes an answer.
 *
 * <p>Thread-safe.
 */
public final class TokenRefResolver {
    /** The stable code of a reference that resolves to nothing. */
    public static final String UNKNOWN = "unknown-token-ref";

    private final TokenRefStore store;
    private final SecretBox box;
    private final Clock clock;
    private final Duration clockSkew;

    public TokenRefResolver(TokenRefStore store, SecretBox box, Clock clock, Duration clockSkew) {
        this.store = Objects.requireNonNull(store, "store");
        this.box = Objects.requireNonNull(box, "box");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.clockSkew = Objects.requireNonNull(clockSkew, "clockSkew");
    }

    /** What a presented value resolved to. */
    public sealed interface Resolution {}

    /** The token to verify. */
    public record Resolved(String token) implements Resolution {
        @Override
        public String toString() {
            // A token is a credential: never in a log line.
            return "Resolved[...]";
        }
    }

    /** @param detail for the log: never the full reference */
    public record Unresolved(String detail) implements Resolution {}

    public Resolution resolve(String presented) {
        if (!TokenRef.isReference(presented)) {
            return new Resolved(presented);
        }
        Optional<TokenRef> ref = TokenRef.parse(presented);
        if (ref.isEmpty()) {
            return new Unresolved("malformed token reference");
        }
        String refHash = ref.get().hash();
        Optional<TokenRefStore.Stored> row = store.findByRefHash(refHash);
        if (row.isEmpty()) {
            return new Unresolved("no token reference " + ref.get().redacted());
        }
        Instant now = clock.instant();
        if (!now.isBefore(row.get().expiresAt().plus(clockSkew))) {
            return new Unresolved("token reference " + ref.get().redacted() + " expired at "
                    + row.get().expiresAt());
        }
        return box.open(row.get().sealedToken(), refHash)
                .<Resolution>map(Resolved::new)
                .orElseGet(() -> new Unresolved("token reference " + ref.get().redacted() + " does not open"));
    }
}
