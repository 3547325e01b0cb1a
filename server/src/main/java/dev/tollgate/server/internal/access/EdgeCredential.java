package dev.tollgate.server.internal.access;

import dev.tollgate.server.internal.keys.Sha256;
import dev.tollgate.server.internal.store.OwnerOnlyFiles;
import dev.tollgate.server.internal.store.SettingsStore;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The edge credential: the bearer value media servers and edges present at {@code POST /v1/edge/authorize}, whose
 * every allow writes usage rows. A viewer's EdgeAuth token alone must not be enough to write them, or anyone holding
 * one could inflate the usage report without limit.
 *
 * <p>A random 256-bit value ({@code tge_...}), created on first start, printed once and written to {@code edge.token}
 * (0600) in the data directory, like the admin credential ({@link AdminCredential}). It is a separate credential on
 * purpose (least privilege): an edge configuration holds it, and it can only ask for edge decisions, never
 * administer; the admin credential is not accepted in its place. The database keeps only its SHA-256: unlike a
 * password, a 256-bit random value cannot be guessed from a fast hash, and this check runs on every edge decision,
 * where Argon2id's tens of milliseconds would be the bottleneck. Compared with {@link MessageDigest#isEqual}.
 *
 * <p>Immutable and thread-safe.
 */
public final class EdgeCredential {
    public static final String FILE_NAME = "edge.token";
    static final String SETTING = "edge-credential-sha256";

    /** What a credential we issue looks like; anything else is refused without hashing. */
    private static final Pattern FORMAT = Pattern.compile("tge_[A-Za-z0-9_-]{43}");

    private final byte[] digest;

    private EdgeCredential(byte[] digest) {
        this.digest = digest.clone();
    }

    /** The credential and, when this start created it, its clear value (to print once). */
    public record Loaded(EdgeCredential credential, Optional<String> createdValue, Path file) {}

    /** Loads the stored digest, or creates the credential on first start (the first node to store it wins). */
    public static Loaded ensure(SettingsStore settings, Path dataDirectory, SecureRandom random, Clock clock) {
        Path file = dataDirectory.resolve(FILE_NAME);
        Optional<String> stored = settings.get(SETTING);
        if (stored.isPresent()) {
            return new Loaded(new EdgeCredential(HexFormat.of().parseHex(stored.get())), Optional.empty(), file);
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String value = "tge_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String hex = HexFormat.of().formatHex(Sha256.digest(value));
        String winner = settings.putIfAbsent(SETTING, hex, clock.millis());
        if (!winner.equals(hex)) {
            return new Loaded(new EdgeCredential(HexFormat.of().parseHex(winner)), Optional.empty(), file);
        }
        OwnerOnlyFiles.create(file, value + "\n");
        return new Loaded(new EdgeCredential(Sha256.digest(value)), Optional.of(value), file);
    }

    /** Whether the presented value is the edge credential; constant time in the value once it has the right form. */
    public boolean matches(String presented) {
        return FORMAT.matcher(presented).matches() && MessageDigest.isEqual(digest, Sha256.digest(presented));
    }
}
