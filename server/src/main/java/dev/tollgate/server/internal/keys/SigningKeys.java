package dev.tollgate.server.internal.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.tollgate.server.ServerConfig;
import dev.tollgate.server.internal.changes.Changes;
import dev.tollgate.server.internal.changes.Topic;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's JWT signing keys: ES256 (P-256; the measurement behind the choice is in docs/security.md). The current
 * key signs; {@link #rotate()} retires it and creates a new one, and a retired key stays in the JWKS until every
 * token it signed has expired ({@link ServerConfig#MAX_TOKEN_LIFETIME} plus the configured clock skew, {@link ServerConfig#clockSkew()}).
 *
 * <p>The current key is cached for {@link #REFRESH}; a rotation done by another node sharing the database drops it when
 * that node's notice arrives ({@link Changes}), the refresh being the fallback for a lost notice. Public keys are
 * immutable and cached forever. Thread-safe.
 */
public final class SigningKeys {
    public static final JWSAlgorithm ALGORITHM = JWSAlgorithm.ES256;
    static final Duration REFRESH = Duration.ofSeconds(30);

    private final SigningKeyStore store;
    private final SecretBox box;
    private final Clock clock;
    private final Duration clockSkew;
    private final Changes changes;
    private final Map<String, Optional<ECKey>> publicKeys = new ConcurrentHashMap<>();
    private volatile Current current;

    private record Current(ECKey key, Instant loadedAt) {}

    /** One node: nobody else caches its current key. */
    public SigningKeys(SigningKeyStore store, SecretBox box, Clock clock, Duration clockSkew) {
        this(store, box, clock, clockSkew, Changes.NONE);
    }

    /**
     * @param clockSkew the verifiers' skew: a retired key is published as long as its tokens verify
     * @param changes told of every rotation, and telling of the other nodes': a notice drops the cached current key
     */
    public SigningKeys(SigningKeyStore store, SecretBox box, Clock clock, Duration clockSkew, Changes changes) {
        this.store = store;
        this.box = box;
        this.clock = clock;
        this.clockSkew = Objects.requireNonNull(clockSkew, "clockSkew");
        this.changes = Objects.requireNonNull(changes, "changes");
        changes.subscribe(Topic.SIGNING_KEY, new Changes.Listener() {
            @Override
            public void changed(String kid) {
                current = null;
            }

            @Override
            public void missed() {
                current = null;
            }
        });
    }

    /** Makes sure a current key exists; true when this call created it. */
    public synchronized boolean ensureCurrent() {
        if (store.current().isPresent()) {
            return false;
        }
        store.insert(generate());
        return true;
    }

    /** The key that signs now. */
    public ECKey current() {
        Current cached = current;
        Instant now = clock.instant();
        if (cached == null || !now.isBefore(cached.loadedAt().plus(REFRESH))) {
            StoredSigningKey stored = store.current()
                    .orElseThrow(() -> new IllegalStateException("no current signing key: ensureCurrent() first"));
            cached = new Current(open(stored), now);
            current = cached;
        }
        return cached.key();
    }

    /** The public key for a {@code kid}, while it is published. */
    public Optional<ECKey> publicKey(String kid) {
        Optional<ECKey> key = publicKeys.computeIfAbsent(kid, k -> store.find(k).map(SigningKeys::parsePublic));
        if (key.isEmpty()) {
            // Do not remember unknown kids: an attacker could fill the map with random ones.
            publicKeys.remove(kid);
        }
        return key;
    }

    /** The JWKS document (RFC 7517 §5): every key still published. */
    public Map<String, Object> jwks() {
        List<JWK> keys = new ArrayList<>();
        for (StoredSigningKey stored : store.published(clock.instant())) {
            keys.add(parsePublic(stored));
        }
        return new JWKSet(keys).toJSONObject(true);
    }

    /** A retired key and when it leaves the JWKS. */
    public record Retired(String kid, Instant publishedUntil) {}

    /** Retires the current key (still published until its tokens expire) and creates a new one. */
    public synchronized Map.Entry<String, List<Retired>> rotate() {
        Instant now = clock.instant();
        Instant until = now.plus(ServerConfig.MAX_TOKEN_LIFETIME).plus(clockSkew);
        List<Retired> retired = store.retireCurrent(now, until).stream()
                .map(kid -> new Retired(kid, until))
                .toList();
        StoredSigningKey created = generate();
        store.insert(created);
        current = null;
        changes.publish(Topic.SIGNING_KEY, created.kid());
        return Map.entry(created.kid(), retired);
    }

    private StoredSigningKey generate() {
        Instant now = clock.instant();
        String kid = UUID.randomUUID().toString();
        ECKey key;
        try {
            key = new ECKeyGenerator(Curve.P_256)
                    .keyID(kid)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(ALGORITHM)
                    .issueTime(Date.from(now))
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a P-256 key in this JVM", e);
        }
        return new StoredSigningKey(
                kid,
                ALGORITHM.getName(),
                key.toPublicJWK().toJSONString(),
                box.seal(key.toJSONString(), kid),
                now,
                Optional.empty(),
                Optional.empty());
    }

    private ECKey open(StoredSigningKey stored) {
        String json = box.open(stored.sealedPrivateJwk(), stored.kid())
                .orElseThrow(() -> new IllegalStateException("the signing key " + stored.kid()
                        + " does not open with this master key: is TOLLGATE_MASTER_KEY the one the database was"
                        + " created with?"));
        try {
            return ECKey.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("the signing key " + stored.kid() + " is damaged", e);
        }
    }

    private static ECKey parsePublic(StoredSigningKey stored) {
        try {
            return ECKey.parse(stored.publicJwk());
        } catch (ParseException e) {
            throw new IllegalStateException("the public key " + stored.kid() + " is damaged", e);
        }
    }
}
