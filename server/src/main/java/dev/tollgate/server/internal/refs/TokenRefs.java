package dev.tollgate.server.internal.refs;

import dev.tollgate.server.internal.keys.SecretBox;
import dev.tollgate.server.internal.keys.Sha256;
import dev.tollgate.token.Verified;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues token references for verified EdgeAuth tokens: one reference per token (looked up by the token's SHA-256,
 * so asking twice gives the same reference), kept until the token expires. The token and the reference are sealed
 * under the master key ({@link SecretBox}); the store holds only their hashes in clear.
 *
 * <p>Expired rows are purged a batch at a time whenever a new reference is stored: no background task, and the
 * table stays proportional to the references alive plus one batch. Thread-safe.
 */
public final class TokenRefs {
    private static final Logger LOG = LoggerFactory.getLogger(TokenRefs.class);

    /** Rows deleted at most per purge. */
    static final int PURGE_BATCH = 100;

    private final TokenRefStore store;
    private final SecretBox box;
    private final SecureRandom random;
    private final Clock clock;
    private final Duration clockSkew;

    /** @param clockSkew the verifier's skew: a reference lives as long as its token verifies */
    public TokenRefs(TokenRefStore store, SecretBox box, SecureRandom random, Clock clock, Duration clockSkew) {
        this.store = Objects.requireNonNull(store, "store");
        this.box = Objects.requireNonNull(box, "box");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.clockSkew = Objects.requireNonNull(clockSkew, "clockSkew");
    }

    /**
     * A reference to a token.
     *
     * @param created false when the token had a reference already (the same one is returned)
     */
    public record Issued(TokenRef ref, String applicationId, Instant expiresAt, boolean created) {}

    /**
     * The reference to {@code token}, stored now unless it exists.
     *
     * @param verified the token's verification, done by the caller with the server's verifier
     */
    public Issued issue(String token, Verified verified) {
        String tokenHash = Sha256.hex(token);
        Instant expiresAt = verified.claims().expiresAt();
        for (int attempt = 0; attempt < 2; attempt++) {
            Optional<TokenRefStore.Stored> row = store.findByTokenHash(tokenHash);
            if (row.isPresent()) {
                Optional<TokenRef> stored =
                        box.open(row.get().sealedRef(), tokenHash).flatMap(TokenRef::parse);
                if (stored.isPresent()) {
                    return new Issued(
                            stored.get(), row.get().applicationId(), row.get().expiresAt(), false);
                }
                // The row cannot be opened (master key replaced, damaged row): its reference can never be given out
                // again, and keeping it would make every later request for this token collide with it forever.
                // Replace it; whoever held the old reference gets unknown-token-ref and asks again.
                LOG.warn(
                        "token reference row for application {} does not open under the master key; replacing it",
                        row.get().applicationId());
                // By its own reference hash: a concurrent request may have replaced it already.
                store.delete(row.get().refHash());
            }
            TokenRef ref = TokenRef.random(random);
            Instant now = clock.instant();
            store.purgeExpired(now.minus(clockSkew), PURGE_BATCH);
            boolean inserted = store.insert(new TokenRefStore.Stored(
                    ref.hash(),
                    tokenHash,
                    box.seal(ref.value(), tokenHash),
                    box.seal(token, ref.hash()),
                    verified.applicationId(),
                    expiresAt,
                    now));
            if (inserted) {
                LOG.info(
                        "token reference {} for application {}, until {}",
                        ref.redacted(),
                        verified.applicationId(),
                        expiresAt);
                return new Issued(ref, verified.applicationId(), expiresAt, true);
            }
            // A concurrent request stored this token first: answer with its reference.
        }
        throw new IllegalStateException("the token_refs row for a token hash vanished twice while it was read");
    }
}
