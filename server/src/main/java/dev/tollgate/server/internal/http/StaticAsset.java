package dev.tollgate.server.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A file of the class path served as a static asset: its bytes loaded once when the server starts, its content type,
 * a strong {@code ETag} of the server's version and a digest of the bytes (so an edited file under the same version
 * still changes it), {@code Cache-Control}, {@code X-Content-Type-Options: nosniff}, and {@code 304 Not Modified} to an
 * {@code If-None-Match} that names it (RFC 9110 §13.1.2, weak comparison). Registered with {@link #serveAt}, it
 * answers GET and HEAD as every GET route does ({@link Routes#get}).
 *
 * <p>Many assets share one set of headers by building each from the same configured instance: {@link #withHeader}
 * (e.g. the dashboard's {@code Content-Security-Policy}) and {@link #withCacheControl} return a copy; {@link
 * #serveEach} serves a folder's files so. Immutable and thread-safe.
 */
public final class StaticAsset {
    /** Revalidate on every use: the paths carry no version, and a 304 costs one small round trip. */
    public static final String REVALIDATE = "no-cache";

    private static final Map<String, String> TYPES = Map.of(
            ".js", "text/javascript; charset=utf-8",
            ".mjs", "text/javascript; charset=utf-8",
            ".d.ts", "application/typescript; charset=utf-8",
            ".css", "text/css; charset=utf-8",
            ".html", "text/html; charset=utf-8",
            ".json", "application/json",
            ".svg", "image/svg+xml",
            ".png", "image/png",
            ".ico", "image/x-icon",
            ".txt", "text/plain; charset=utf-8");

    private final String resource;
    private final byte[] bytes;
    private final String contentType;
    private final String etag;
    private final Map<String, String> headers;

    private StaticAsset(String resource, byte[] bytes, String contentType, String etag, Map<String, String> headers) {
        this.resource = resource;
        this.bytes = bytes;
        this.contentType = contentType;
        this.etag = etag;
        this.headers = Map.copyOf(headers);
    }

    /**
     * Loads {@code resource} (an absolute class-path name, {@code /web-sdk/tollgate.js}) with the content type its
     * name ends in and {@code Cache-Control: no-cache}.
     *
     * @throws IllegalArgumentException when the name's ending has no known content type
     * @throws IllegalStateException when the resource is not on the class path (a build fault, found at start)
     */
    public static StaticAsset load(String resource) {
        return load(resource, contentTypeOf(resource));
    }

    /** As {@link #load(String)}, with {@code contentType}. */
    public static StaticAsset load(String resource, String contentType) {
        if (!resource.startsWith("/")) {
            throw new IllegalArgumentException("a class-path resource name starts with '/', was " + resource);
        }
        byte[] bytes = read(resource);
        String etag = "\"" + ServerVersion.current() + "-" + digest(bytes) + "\"";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", REVALIDATE);
        headers.put("X-Content-Type-Options", "nosniff");
        return new StaticAsset(resource, bytes, contentType, etag, headers);
    }

    /**
     * Serves each of {@code files}, loaded from {@code resourceFolder + file}, at {@code pathPrefix + file}, each as
     * {@code configure} makes it (the same headers for a page's files, e.g. {@code asset ->
     * asset.withHeader("Content-Security-Policy", policy)}).
     */
    public static void serveEach(
            Routes routes,
            String pathPrefix,
            String resourceFolder,
            List<String> files,
            UnaryOperator<StaticAsset> configure) {
        for (String file : files) {
            configure.apply(load(resourceFolder + file)).serveAt(routes, pathPrefix + file);
        }
    }

    /** The content type of a file named {@code name}, by its ending. */
    public static String contentTypeOf(String name) {
        // Longest ending first: tollgate.d.ts is TypeScript, not an unknown ".ts".
        return TYPES.entrySet().stream()
                .filter(type -> name.endsWith(type.getKey()))
                .max((a, b) -> Integer.compare(a.getKey().length(), b.getKey().length()))
                .map(Map.Entry::getValue)
                .orElseThrow(() -> new IllegalArgumentException("no content type is known for " + name));
    }

    /** A copy that also sends {@code name: value} (replacing a header of that name this one sends). */
    public StaticAsset withHeader(String name, String value) {
        if (name.equalsIgnoreCase("Content-Type") || name.equalsIgnoreCase("ETag")) {
            throw new IllegalArgumentException(name + " is the asset's own; load it with the content type instead");
        }
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
        copy.put(name, value);
        return new StaticAsset(resource, bytes, contentType, etag, copy);
    }

    /** A copy with {@code Cache-Control: value} ({@link #REVALIDATE} unless set). */
    public StaticAsset withCacheControl(String value) {
        return withHeader("Cache-Control", value);
    }

    /** Registers this asset for GET and HEAD on {@code path}. */
    public void serveAt(Routes routes, String path) {
        routes.get(path, this::serve);
    }

    /** The answer to a GET or HEAD of the asset: 200 with the bytes, or 304 when the client holds them. */
    public void serve(ServerRequest request, ServerResponse response) {
        headers.forEach(response::header);
        response.header("ETag", etag);
        if (matches(request.headers("If-None-Match"))) {
            response.sendNotModified(bytes.length);
            return;
        }
        response.header("Content-Type", contentType);
        response.status(200).send(bytes);
    }

    /** The strong entity tag, quotes included. */
    public String etag() {
        return etag;
    }

    /** The class-path name the bytes came from. */
    public String resource() {
        return resource;
    }

    /** The bytes as UTF-8 text (for an asset that is text). */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The header {@code name} this asset sends besides its content type and ETag. */
    public Optional<String> header(String name) {
        return headers.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    /** RFC 9110 §13.1.2: {@code *} or a list of entity tags, compared weakly ({@code W/} ignored). */
    private boolean matches(List<String> ifNoneMatch) {
        for (String line : ifNoneMatch) {
            for (String tag : line.split(",", -1)) {
                String candidate = tag.strip();
                if (candidate.startsWith("W/")) {
                    candidate = candidate.substring(2);
                }
                if (candidate.equals("*") || candidate.equals(etag)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] read(String resource) {
        try (InputStream in = StaticAsset.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path: the build copies it there");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static String digest(byte[] bytes) {
        try {
            byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(bytes);
            // 64 bits tell versions of one file apart; the tag stays short on every conditional request.
            return HexFormat.of().formatHex(sha256, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
