package dev.tollgate.server.internal.accounts;

import java.time.Instant;
import java.util.Optional;

/**
 * Browser sessions by the digest of their cookie's value (the value itself is never stored). Implementations are
 * thread-safe. Schema: {@code db/tollgate/V20__accounts.sql}.
 */
public interface BrowserSessionStore {
    /** A stored session. */
    record Stored(String digest, String accountId, Instant createdAt, Instant lastSeenAt, Instant expiresAt) {}

    void insert(String digest, String accountId, Instant now, Instant expiresAt);

    Optional<Stored> find(String digest);

    /** Moves the session's last sign of life to {@code at}. */
    void touch(String digest, Instant at);

    /** Ends one session; false when there was none. */
    boolean delete(String digest);

    /** Ends every session of the account; how many there were. */
    int deleteAll(String accountId);

    /** Deletes the account's sessions that expired before {@code now} or were idle since {@code idleSince}. */
    int deleteEnded(String accountId, Instant now, Instant idleSince);
}
