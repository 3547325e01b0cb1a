package dev.tollgate.server.internal.revocations;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The stored revocation entries of every application. Implementations are thread-safe. */
public interface RevocationStore {

    /** What {@link #create} did: the entry, and whether it is new (a created entry answers 201, a found one 200). */
    record Created(Revocation revocation, boolean isNew) {}

    /**
     * Stores an entry for the match unless one is active at {@code at} (then that one comes back, unchanged). An
     * ended entry of the same match is made active again with {@code entry}'s ID, times and a new sequence. The
     * entry's sequence is ignored: the store assigns the next one.
     */
    Created create(Revocation entry, Instant at);

    /** One application's entry by ID. */
    Optional<Revocation> find(String applicationId, String id);

    /** One application's entries active at {@code at}, newest first, at most {@code limit}. */
    List<Revocation> listActive(String applicationId, Instant at, int limit);

    /**
     * Withdraws an active entry: it ends at {@code at} with a new sequence (so readers that re-read by sequence see
     * the change). False when the application has no such active entry.
     */
    boolean withdraw(String applicationId, String id, Instant at);

    /** Every entry (of every application) changed after {@code sequence}, in sequence order, at most {@code limit}. */
    List<Revocation> changedSince(long sequence, int limit);

    /** Deletes at most {@code limit} entries that ended before {@code before}; how many. */
    int purgeEndedBefore(Instant before, int limit);
}
