package dev.tollgate.server.internal.refs;

import java.time.Instant;
import java.util.Optional;

/** Token references. Implementations are thread-safe. Schema: {@code db/tollgate/V5__token_refs.sql}. */
public interface TokenRefStore {
    /**
     * One row: the reference and the token only as hashes and sealed values.
     *
     * @param sealedRef the reference sealed with the token hash as associated data (to answer a repeated request)
     * @param sealedToken the token sealed with the reference hash as associated data
     */
    record Stored(
            String refHash,
            String tokenHash,
            String sealedRef,
            String sealedToken,
            String applicationId,
            Instant expiresAt,
            Instant createdAt) {}

    /** Inserts the row; false when a row for the same token exists already (another request won the race). */
    boolean insert(Stored stored);

    Optional<Stored> findByRefHash(String refHash);

    Optional<Stored> findByTokenHash(String tokenHash);

    /** Deletes the row of this reference hash, if any (one that cannot be opened any more). */
    void delete(String refHash);

    /** Deletes at most {@code limit} rows that expired before {@code before}; the number deleted. */
    int purgeExpired(Instant before, int limit);
}
