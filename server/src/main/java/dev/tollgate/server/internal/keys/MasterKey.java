package dev.tollgate.server.internal.keys;

import dev.tollgate.server.internal.store.OwnerOnlyFiles;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The 256-bit key that seals application secrets and JWT private keys at rest. From {@code TOLLGATE_MASTER_KEY}
 * (base64) when set, which is how several nodes sharing one PostgreSQL get the same key; otherwise from {@code
 * master.key} in the data directory, created on first start with 0600 permissions.
 *
 * <p>Immutable and thread-safe; {@link #toString()} never shows the key.
 *
 * @param bytes the key
 * @param source where it came from, for the startup report
 * @param created whether this start created it
 */
public record MasterKey(byte[] bytes, String source, boolean created) {
    public static final String FILE_NAME = "master.key";

    public MasterKey {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Reads or creates the master key. */
    public static MasterKey load(Path dataDirectory, Optional<String> fromEnvironment, SecureRandom random) {
        if (fromEnvironment.isPresent()) {
            return new MasterKey(decode(fromEnvironment.get(), "TOLLGATE_MASTER_KEY"), "TOLLGATE_MASTER_KEY", false);
        }
        Path file = dataDirectory.resolve(FILE_NAME);
        Optional<String> existing = OwnerOnlyFiles.read(file);
        if (existing.isPresent()) {
            return new MasterKey(decode(existing.get(), file.toString()), file.toString(), false);
        }
        byte[] key = new byte[SecretBox.KEY_BYTES];
        random.nextBytes(key);
        if (OwnerOnlyFiles.create(file, Base64.getEncoder().encodeToString(key) + "\n")) {
            return new MasterKey(key, file.toString(), true);
        }
        // Another process created it first: use theirs.
        return new MasterKey(decode(OwnerOnlyFiles.read(file).orElseThrow(), file.toString()), file.toString(), false);
    }

    private static byte[] decode(String base64, String where) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the master key in " + where + " is not base64");
        }
        if (key.length != SecretBox.KEY_BYTES) {
            throw new IllegalStateException(
                    "the master key in " + where + " must be 32 bytes (256 bits), was " + key.length + " bytes");
        }
        return key;
    }

    @Override
    public String toString() {
        return "MasterKey[source=" + source + "]";
    }
}
