package dev.tollgate.server.internal.keys;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** JWT signing keys. Implementations are thread-safe. Schema: {@code db/tollgate/V3__signing_keys.sql}. */
public interface SigningKeyStore {
    /** The key that signs new tokens (not retired), newest first if several nodes raced. */
    Optional<StoredSigningKey> current();

    Optional<StoredSigningKey> find(String kid);

    /** Keys still published at {@code now}: the current one and retired ones whose tokens may still be valid. */
    List<StoredSigningKey> published(Instant now);

    void insert(StoredSigningKey key);

    /** Retires every current key; each stays published until {@code publishedUntil}. */
    List<String> retireCurrent(Instant now, Instant publishedUntil);
}
