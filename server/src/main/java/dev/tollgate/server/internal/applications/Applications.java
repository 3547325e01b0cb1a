package dev.tollgate.server.internal.applications;

import dev.tollgate.server.internal.changes.Changes;
import dev.tollgate.server.internal.changes.Topic;
import dev.tollgate.server.internal.keys.SecretBox;
import dev.tollgate.token.SecretResolver;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Application registration and authentication over an {@link ApplicationStore}: creates IDs and secrets, seals the
 * secrets (AES-GCM, AAD = application ID), rotates and retires them, checks presented secrets in constant time, and
 * resolves secrets for the EdgeAuth {@link dev.tollgate.token.TokenVerifier}.
 *
 * <p>Thread-safe.
 */
public final class Applications implements SecretResolver {
    private final ApplicationStore store;
    private final SecretBox box;
    private final SecureRandom random;
    private final Clock clock;
    private final Changes changes;

    /** One node: nobody else caches its secrets. */
    public Applications(ApplicationStore store, SecretBox box, SecureRandom random, Clock clock) {
        this(store, box, random, clock, Changes.NONE);
    }

    /**
     * Tells the other nodes through {@code changes} of every deletion, rotation and retirement, and drops what they
     * tell of ({@link #subscribeTo}), so that the secret cache's {@link #SECRET_CACHE_TTL} is only the fallback.
     */
    public Applications(ApplicationStore store, SecretBox box, SecureRandom random, Clock clock, Changes changes) {
        this.store = store;
        this.box = box;
        this.random = random;
        this.clock = clock;
        this.changes = changes;
        changes.subscribe(Topic.APPLICATION, new Changes.Listener() {
            @Override
            public void changed(String applicationId) {
                secretCache.remove(applicationId);
            }

            @Override
            public void missed() {
                secretCache.clear();
            }
        });
    }

    /** A new application or secret: the clear secret is in this value only, to be shown once. */
    public record Issued(Application application, String secretId, String secret) {
        @Override
        public String toString() {
            return "Issued[application=" + application.id() + ", secretId=" + secretId + "]";
        }
    }

    /** The outcome of checking presented credentials. */
    public sealed interface Authentication {}

    public record Authenticated(Application application) implements Authentication {}

    public record UnknownApplication() implements Authentication {}

    public record WrongSecret(Application application) implements Authentication {}

    public Issued create(String name, List<String> scopes) {
        // 128 random bits, base64url: URL-safe, no ':' (the Basic separator), fits EdgeAuth and Dolby app keys.
        String id = randomText(16);
        String secret = randomText(32);
        String secretId = UUID.randomUUID().toString();
        store.insert(
                id,
                name,
                scopes,
                new StoredSecret(secretId, 1, box.seal(secret, id), clock.instant()),
                clock.instant());
        return new Issued(store.find(id).orElseThrow(), secretId, secret);
    }

    public Optional<Application> find(String id) {
        return store.find(id);
    }

    public List<Application> list() {
        return store.list();
    }

    public Optional<Issued> rotate(String id) {
        String secret = randomText(32);
        String secretId = UUID.randomUUID().toString();
        boolean added = store.addSecret(id, secretId, box.seal(secret, id), clock.instant());
        changed(id);
        if (!added) {
            return Optional.empty();
        }
        return Optional.of(new Issued(store.find(id).orElseThrow(), secretId, secret));
    }

    /** Retires every secret but the current one; the number retired. */
    public Optional<Integer> retireOlderSecrets(String id) {
        Optional<Integer> retired = store.retireOlderSecrets(id, clock.instant());
        changed(id);
        return retired;
    }

    public boolean delete(String id) {
        boolean deleted = store.delete(id);
        changed(id);
        return deleted;
    }

    /** Applies a committed change here at once, then tells the other nodes. */
    private void changed(String id) {
        secretCache.remove(id);
        changes.publish(Topic.APPLICATION, id);
    }

    /** Checks an application ID and secret against every active secret, in constant time per comparison. */
    public Authentication authenticate(String id, String presentedSecret) {
        Optional<Application> application = store.find(id);
        if (application.isEmpty()) {
            return new UnknownApplication();
        }
        byte[] presented = presentedSecret.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (String secret : secretsFor(id)) {
            // No early exit: every secret is compared, so timing does not tell which generation matched.
            match |= MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8), presented);
        }
        return match ? new Authenticated(application.get()) : new WrongSecret(application.get());
    }

    /**
     * The application's secrets in clear, newest first (for signing and verifying EdgeAuth tokens). Kept in memory
     * for {@link #SECRET_CACHE_TTL} so verification needs no database round trip; this node's own rotations and
     * retirements take effect at once, another node's when its notice arrives ({@link Changes}), at the latest
     * within the TTL.
     */
    @Override
    public List<String> secretsFor(String applicationId) {
        Instant now = clock.instant();
        CachedSecrets cached = secretCache.get(applicationId);
        if (cached != null
                && !now.isBefore(cached.loadedAt())
                && now.isBefore(cached.loadedAt().plus(SECRET_CACHE_TTL))) {
            return cached.secrets();
        }
        List<String> secrets = new ArrayList<>();
        for (StoredSecret stored : store.secrets(applicationId)) {
            box.open(stored.sealed(), applicationId).ifPresent(secrets::add);
        }
        if (secrets.isEmpty()) {
            // Unknown IDs come from untrusted tokens: never cache them, so they cannot fill memory.
            secretCache.remove(applicationId);
        } else {
            if (secretCache.size() >= MAX_CACHED_APPLICATIONS) {
                secretCache.clear();
            }
            secretCache.put(applicationId, new CachedSecrets(List.copyOf(secrets), now));
        }
        return secrets;
    }

    /**
     * How long another node's secret rotation, retirement or deletion may take to reach this node when its notice is
     * lost (the bound with notices is {@code docs/security.md}'s).
     */
    public static final Duration SECRET_CACHE_TTL = Duration.ofSeconds(5);

    private static final int MAX_CACHED_APPLICATIONS = 10_000;

    private record CachedSecrets(List<String> secrets, Instant loadedAt) {}

    private final ConcurrentHashMap<String, CachedSecrets> secretCache = new ConcurrentHashMap<>();

    /** The current secret, which signs new EdgeAuth tokens. */
    public Optional<String> currentSecret(String applicationId) {
        List<String> secrets = secretsFor(applicationId);
        return secrets.isEmpty() ? Optional.empty() : Optional.of(secrets.getFirst());
    }

    /**
     * Random URL-safe text that starts with a letter or a digit: an ID or secret starting with {@code -} reads as an
     * option on a command line ({@code tollgate usage --application -VNW…}, {@code --secret -x…}). The redraw costs
     * under 0.1 bit of the first character's 6.
     */
    private String randomText(int bytes) {
        byte[] value = new byte[bytes];
        String text;
        do {
            random.nextBytes(value);
            text = Base64.getUrlEncoder().withoutPadding().encodeToString(value);
        } while (!Character.isLetterOrDigit(text.charAt(0)));
        return text;
    }
}
