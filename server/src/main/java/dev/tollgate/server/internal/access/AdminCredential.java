package dev.tollgate.server.internal.access;

import com.password4j.Argon2Function;
import com.password4j.Password;
import dev.tollgate.server.internal.accounts.Passwords;
import dev.tollgate.server.internal.keys.Sha256;
import dev.tollgate.server.internal.store.OwnerOnlyFiles;
import dev.tollgate.server.internal.store.SettingsStore;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The admin credential: a random 256-bit bearer value, stored in the database only as an Argon2id hash (OWASP
 * Password Storage Cheat Sheet parameters: m=19 MiB, t=2, p=1). It is printed once at creation and also written to
 * {@code admin.token} (0600) in the data directory so that {@code tollgate app ...} on the same machine works without
 * copying it: whoever can read the data directory can already read the master key, so the file adds no new exposure.
 *
 * <p>Argon2id costs tens of milliseconds by design; after one successful check the SHA-256 of the credential is
 * remembered in memory so later admin calls compare digests in constant time instead. Thread-safe.
 */
public final class AdminCredential {
    public static final String FILE_NAME = "admin.token";
    static final String SETTING = "admin-credential-argon2id";
    // The accounts' parameters: one place says what an Argon2id hash of ours costs.
    private static final Argon2Function ARGON2ID = Passwords.ARGON2ID;

    /** What a credential we issue looks like; anything else is refused without hashing. */
    private static final java.util.regex.Pattern FORMAT = java.util.regex.Pattern.compile("tga_[A-Za-z0-9_-]{43}");

    /**
     * At most this many Argon2id checks run at once: each takes 19 MiB, and virtual threads would otherwise let a
     * flood of wrong credentials allocate without bound.
     */
    static final int CONCURRENT_CHECKS = 2;

    private final String hash;
    private final AtomicReference<byte[]> verifiedDigest = new AtomicReference<>();
    private final java.util.concurrent.Semaphore checks = new java.util.concurrent.Semaphore(CONCURRENT_CHECKS);

    private AdminCredential(String hash) {
        this.hash = hash;
    }

    /** The credential and, when this start created it, its clear value (to print once). */
    public record Loaded(AdminCredential credential, Optional<String> createdValue, Path file) {}

    /** Loads the stored hash, or creates the credential on first start. */
    public static Loaded ensure(SettingsStore settings, Path dataDirectory, SecureRandom random, Clock clock) {
        Path file = dataDirectory.resolve(FILE_NAME);
        Optional<String> stored = settings.get(SETTING);
        if (stored.isPresent()) {
            return new Loaded(new AdminCredential(stored.get()), Optional.empty(), file);
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String value = "tga_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String hash = Password.hash(value).addRandomSalt(16).with(ARGON2ID).getResult();
        String winner = settings.putIfAbsent(SETTING, hash, clock.millis());
        if (!winner.equals(hash)) {
            return new Loaded(new AdminCredential(winner), Optional.empty(), file);
        }
        OwnerOnlyFiles.create(file, value + "\n");
        return new Loaded(new AdminCredential(hash), Optional.of(value), file);
    }

    /** Whether the presented value is the admin credential. */
    public boolean matches(String presented) {
        if (!FORMAT.matcher(presented).matches()) {
            return false;
        }
        byte[] digest = Sha256.digest(presented);
        byte[] known = verifiedDigest.get();
        if (known != null) {
            return MessageDigest.isEqual(known, digest);
        }
        try {
            if (!checks.tryAcquire(5, java.util.concurrent.TimeUnit.SECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            boolean ok = Password.check(presented, hash).with(ARGON2ID);
            if (ok) {
                verifiedDigest.set(digest);
            }
            return ok;
        } finally {
            checks.release();
        }
    }
}
