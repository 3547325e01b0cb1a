package dev.tollgate.server.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The server's version, the Maven project version the build wrote into {@code dev/tollgate/server/version.properties}
 * (resource filtering, {@code server/pom.xml}). Read once, from the class path, so that it is the same in a test
 * run from {@code target/classes} and in the packaged jar.
 *
 * <p>Thread-safe.
 */
public final class ServerVersion {
    static final String RESOURCE = "/dev/tollgate/server/version.properties";
    private static final String VALUE = read();

    private ServerVersion() {}

    /** The version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String current() {
        return VALUE;
    }

    private static String read() {
        try (InputStream in = ServerVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path: the build writes it");
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "");
            if (version.isBlank() || version.contains("${")) {
                throw new IllegalStateException(RESOURCE + " holds no filtered version: " + version);
            }
            return version.strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
