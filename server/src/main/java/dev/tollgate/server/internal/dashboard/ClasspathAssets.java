package dev.tollgate.server.internal.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Files of one class-path directory (the dashboard's own, or a webjar's), read once and kept in memory: the
 * dashboard is a few hundred kilobytes and never changes while the server runs. Only plain file names are served
 * ({@link #NAME}: no {@code /}, no {@code ..}, no leading dot), so a path can never leave the directory.
 *
 * <p>Thread-safe.
 */
final class ClasspathAssets {
    /** A file name the directory may hold: letters, digits, {@code . _ -}, a known extension. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,100}\\.(html|js|css|png|svg|json|txt)");

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "png", "image/png",
            "svg", "image/svg+xml",
            "json", "application/json",
            "txt", "text/plain; charset=utf-8");

    /** One file: its bytes and its {@code Content-Type}. */
    record Asset(byte[] bytes, String contentType) {}

    private final String directory;
    private final Map<String, Optional<Asset>> loaded = new ConcurrentHashMap<>();

    /** @param directory the class-path directory, without leading or trailing {@code /} */
    ClasspathAssets(String directory) {
        this.directory = directory;
    }

    /** The file {@code name} of the directory, or empty when the name is not a plain file name or no such file. */
    Optional<Asset> find(String name) {
        if (!NAME.matcher(name).matches() || name.contains("..")) {
            return Optional.empty();
        }
        return loaded.computeIfAbsent(name, this::load);
    }

    private Optional<Asset> load(String name) {
        String extension = name.substring(name.lastIndexOf('.') + 1);
        try (InputStream in = ClasspathAssets.class.getClassLoader().getResourceAsStream(directory + "/" + name)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new Asset(in.readAllBytes(), TYPES.get(extension)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + directory + "/" + name + " from the class path", e);
        }
    }
}
