package dev.tollgate.server.internal.access;

import dev.tollgate.server.internal.changes.Changes;
import dev.tollgate.server.internal.changes.Topic;
import dev.tollgate.server.internal.keys.Sha256;
import dev.tollgate.server.internal.store.OwnerOnlyFiles;
import dev.tollgate.server.internal.store.SettingsStore;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
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
 * <p>{@link #rotate} replaces it with an overlap: the previous value keeps working until the overlap ends (setting
 * {@value #PREVIOUS_SETTING}, {@code "<sha256> <epoch ms>"}), so that the edges can be given the new one one at a
 * time. Only one previous value is kept: a second rotation within the overlap ends the first one's previous value at
 * once. Every node reads both settings; a rotation reaches the others through {@link Changes} (within the
 * propagation bound), and a node that is presented a value it does not know re-reads them (at most once per {@link
 * #REREAD}) before refusing it, besides re-reading every {@link #REFRESH}. The end of an overlap needs no notice: each
 * node compares it with its clock.
 *
 * <p>Thread-safe.
 */
public final class EdgeCredential {
    public static final String FILE_NAME = "edge.token";
    static final String SETTING = "edge-credential-sha256";
    static final String PREVIOUS_SETTING = "edge-credential-previous";

    /** How long the previous value works after a rotation unless the caller says otherwise. */
    public static final Duration DEFAULT_OVERLAP = Duration.ofHours(1);

    /** The longest overlap: a credential that was to be replaced should not live on for weeks. */
    public static final Duration MAX_OVERLAP = Duration.ofDays(7);

    /** How often the settings are re-read in any case (a lost notice). */
    static final Duration REFRESH = Duration.ofSeconds(30);

    /** How often, at most, an unknown presented value makes a node re-read the settings. */
    static final Duration REREAD = Duration.ofSeconds(1);

    /** What a credential we issue looks like; anything else is refused without hashing. */
    private static final Pattern FORMAT = Pattern.compile("tge_[A-Za-z0-9_-]{43}");

    private final SettingsStore settings;
    private final Clock clock;
    private final Path file;
    private final Changes changes;
    private volatile Accepted accepted;

    /** The digests accepted: the current one, and the previous one until its overlap ends. */
    private record Accepted(byte[] current, byte[] previous, Instant previousUntil, Instant readAt) {}

    /** The outcome of {@link #rotate}: the new value in clear (to show once) and when the previous one stops. */
    public record Rotated(String value, Instant previousValidUntil, Path file) {
        @Override
        public String toString() {
            return "Rotated[value hidden, previousValidUntil=" + previousValidUntil + "]";
        }
    }

    private EdgeCredential(SettingsStore settings, Clock clock, Path file, Changes changes) {
        this.settings = settings;
        this.clock = clock;
        this.file = file;
        this.changes = changes;
    }

    /** The credential and, when this start created it, its clear value (to print once). */
    public record Loaded(EdgeCredential credential, Optional<String> createdValue, Path file) {}

    /**
     * Loads the stored digests, or creates the credential on first start (the first node to store it wins).
     *
     * @param changes where rotations are told to the other nodes, and heard of
     */
    public static Loaded ensure(
            SettingsStore settings, Path dataDirectory, SecureRandom random, Clock clock, Changes changes) {
        Path file = dataDirectory.resolve(FILE_NAME);
        EdgeCredential credential = new EdgeCredential(settings, clock, file, changes);
        Optional<String> created = Optional.empty();
        if (settings.get(SETTING).isEmpty()) {
            String value = newValue(random);
            String hex = hex(value);
            if (settings.putIfAbsent(SETTING, hex, clock.millis()).equals(hex)) {
                OwnerOnlyFiles.create(file, value + "\n");
                created = Optional.of(value);
            }
        }
        credential.reread();
        changes.subscribe(Topic.EDGE_CREDENTIAL, new Changes.Listener() {
            @Override
            public void changed(String subject) {
                credential.reread();
            }

            @Override
            public void missed() {
                credential.reread();
            }
        });
        return new Loaded(credential, created, file);
    }

    /** Whether the presented value is an edge credential accepted now; constant time once it has the right form. */
    public boolean matches(String presented) {
        if (!FORMAT.matcher(presented).matches()) {
            return false;
        }
        byte[] digest = Sha256.digest(presented);
        Instant now = clock.instant();
        Accepted known = current(now);
        if (accepts(known, digest, now)) {
            return true;
        }
        // Perhaps rotated on another node whose notice has not arrived: re-read, at most once per REREAD.
        if (!now.isBefore(known.readAt().plus(REREAD))) {
            return accepts(rereadOrKeep(known, now), digest, now);
        }
        return false;
    }

    /**
     * Replaces the credential: a new value is stored (its SHA-256), written to {@code edge.token} in this node's data
     * directory, and returned once; the previous value keeps working for {@code overlap}, then not.
     *
     * @throws IllegalArgumentException when the overlap is negative or longer than {@link #MAX_OVERLAP}
     */
    public synchronized Rotated rotate(Duration overlap, SecureRandom random) {
        Objects.requireNonNull(overlap, "overlap");
        if (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
            throw new IllegalArgumentException("the overlap must be 0 to " + MAX_OVERLAP + ", was " + overlap);
        }
        Instant now = clock.instant();
        Instant until = now.plus(overlap);
        String value = newValue(random);
        // A rotation on another node at the same moment: the compare and set fails, and this one goes on from that.
        boolean replaced = false;
        for (int attempt = 0; attempt < 3 && !replaced; attempt++) {
            String old = settings.get(SETTING).orElseThrow(() -> new IllegalStateException("no edge credential yet"));
            // The previous value first: a node that reads between the two writes still accepts the old value.
            settings.put(PREVIOUS_SETTING, old + " " + until.toEpochMilli(), now.toEpochMilli());
            replaced = settings.replace(SETTING, old, hex(value), now.toEpochMilli());
        }
        if (!replaced) {
            throw new IllegalStateException("the edge credential keeps being rotated elsewhere");
        }
        OwnerOnlyFiles.replace(file, value + "\n");
        reread();
        changes.publish(Topic.EDGE_CREDENTIAL, "");
        return new Rotated(value, until, file);
    }

    private static boolean accepts(Accepted known, byte[] digest, Instant now) {
        // Both compared, no early exit: the time does not tell which one matched.
        boolean current = MessageDigest.isEqual(known.current(), digest);
        boolean previous = known.previous() != null
                && MessageDigest.isEqual(known.previous(), digest)
                && now.isBefore(known.previousUntil());
        return current | previous;
    }

    private Accepted current(Instant now) {
        Accepted known = accepted;
        return now.isBefore(known.readAt().plus(REFRESH)) ? known : rereadOrKeep(known, now);
    }

    /**
     * Re-reads the settings; when the database does not answer, keeps what it knew (the gate worked without the
     * database before rotation existed, and must not start failing with it) and tries again after the interval.
     */
    private Accepted rereadOrKeep(Accepted known, Instant now) {
        try {
            return reread();
        } catch (RuntimeException e) {
            Accepted kept = new Accepted(known.current(), known.previous(), known.previousUntil(), now);
            accepted = kept;
            return kept;
        }
    }

    private Accepted reread() {
        Instant now = clock.instant();
        byte[] current = HexFormat.of()
                .parseHex(settings.get(SETTING)
                        .orElseThrow(() -> new IllegalStateException("the edge credential is not in the settings")));
        byte[] previous = null;
        Instant until = Instant.MIN;
        Optional<String> stored = settings.get(PREVIOUS_SETTING);
        if (stored.isPresent()) {
            String[] parts = stored.get().split(" ", 2);
            if (parts.length == 2) {
                previous = HexFormat.of().parseHex(parts[0]);
                until = Instant.ofEpochMilli(Long.parseLong(parts[1]));
            }
        }
        Accepted read = new Accepted(current, previous, until, now);
        accepted = read;
        return read;
    }

    private static String newValue(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "tge_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hex(String value) {
        return HexFormat.of().formatHex(Sha256.digest(value));
    }
}
