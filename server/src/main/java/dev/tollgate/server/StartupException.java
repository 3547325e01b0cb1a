package dev.tollgate.server;

/**
 * The server cannot start for a reason its operator can fix: the port is taken, the data directory cannot be created
 * or written, another {@code serve} uses the same data directory, the database cannot be reached. The message is one
 * plain sentence for a terminal (no class names, no driver advice); {@code tollgate serve} prints it and exits 1.
 */
public final class StartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
