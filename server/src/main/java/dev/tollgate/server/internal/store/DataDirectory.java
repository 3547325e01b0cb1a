package dev.tollgate.server.internal.store;

import dev.tollgate.server.StartupException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The data directory of one {@code serve}: created 0700, its files kept 0600 whatever the umask (it holds the master
 * key, credentials and, in H2 mode, the database with sealed secrets and usage), and held by an exclusive lock on
 * {@code serve.lock} for as long as the server runs, so a second {@code serve} on it fails with the first one's PID
 * instead of a database driver's advice. The operating system releases the lock when the process dies, even by
 * {@code kill -9}.
 *
 * <p>Not thread-safe; one instance per server, {@link #close()} at shutdown.
 */
public final class DataDirectory implements AutoCloseable {
    /** The lock file; it holds the PID of the {@code serve} that owns the directory. */
    public static final String LOCK_FILE = "serve.lock";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    private final Path path;
    private final boolean created;
    private final List<String> warnings;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectory(Path path, boolean created, List<String> warnings, FileChannel lockChannel, FileLock lock) {
        this.path = path;
        this.created = created;
        this.warnings = List.copyOf(warnings);
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Creates the directory (0700) when it does not exist, warns when an existing one is open to others, and takes its
     * lock.
     *
     * @throws StartupException when it cannot be created or written, or another process holds it
     */
    public static DataDirectory open(Path directory) {
        Path path = directory.toAbsolutePath().normalize();
        boolean posix = posix(path);
        boolean created = false;
        List<String> warnings = new ArrayList<>();
        try {
            if (!Files.isDirectory(path)) {
                if (posix) {
                    Files.createDirectories(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                    // The attribute is filtered by the umask; set it again so it is 0700 whatever the umask.
                    Files.setPosixFilePermissions(path, OWNER_ONLY);
                } else {
                    Files.createDirectories(path);
                }
                created = true;
            } else if (posix) {
                Set<PosixFilePermission> open = EnumSet.copyOf(Files.getPosixFilePermissions(path));
                open.retainAll(GROUP_OR_OTHERS);
                if (!open.isEmpty()) {
                    warnings.add("the data directory " + path + " is open to other users ("
                            + PosixFilePermissions.toString(Files.getPosixFilePermissions(path))
                            + "); it holds keys and credentials: chmod 700 " + path);
                }
            }
        } catch (IOException e) {
            throw new StartupException("cannot create the data directory " + path + ": " + reason(e), e);
        }
        Path lockFile = path.resolve(LOCK_FILE);
        FileChannel channel;
        try {
            channel = FileChannel.open(
                    lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StartupException("cannot write to the data directory " + path + ": " + reason(e), e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very process (an embedding application started two servers on it)
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StartupException("cannot lock the data directory " + path + ": " + reason(e), e);
        }
        if (lock == null) {
            Optional<String> pid = holder(channel);
            closeQuietly(channel);
            throw new StartupException("the data directory " + path + " is in use by another tollgate serve"
                    + pid.map(p -> " (PID " + p + ")").orElse("")
                    + "; stop it, or give this one another --data-dir");
        }
        try {
            byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StartupException("cannot write to the data directory " + path + ": " + reason(e), e);
        }
        DataDirectory opened = new DataDirectory(path, created, warnings, channel, lock);
        opened.restrictFiles();
        return opened;
    }

    public Path path() {
        return path;
    }

    /** Whether this start created the directory. */
    public boolean created() {
        return created;
    }

    /** Lines for the start-up report and the log: what about the directory is unsafe. */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * Sets every regular file directly in the directory to 0600. Files Tollgate writes itself are created 0600; this
     * catches those a library creates under the umask (H2's database and trace files) and those of older versions.
     */
    public void restrictFiles() {
        if (!posix(path)) {
            return;
        }
        try (Stream<Path> files = Files.list(path)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setPosixFilePermissions(file, OwnerOnlyFiles.OWNER_READ_WRITE);
            }
        } catch (NoSuchFileException e) {
            // A file removed while listing (H2's temporary files come and go): nothing left to protect.
        } catch (IOException e) {
            throw new StartupException("cannot restrict the files of the data directory " + path + ": " + reason(e), e);
        }
    }

    /** Releases the lock; the lock file stays, so its permissions stay as they were set. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // The channel's close below releases it too.
        }
        closeQuietly(lockChannel);
    }

    /** The operating system's reason, in its words ("Permission denied", "Not a directory"), never a class name. */
    public static String reason(IOException e) {
        if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason();
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "Not a directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name exists";
        }
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        return Optional.ofNullable(e.getMessage()).orElse("input/output error");
    }

    private static Optional<String> holder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            int read = channel.read(buffer, 0);
            String text = read <= 0 ? "" : new String(buffer.array(), 0, read, StandardCharsets.UTF_8).strip();
            return text.matches("[0-9]{1,19}") ? Optional.of(text) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean posix(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null
                && existing.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing to do: the process exits or the lock is gone with the channel anyway.
        }
    }
}
