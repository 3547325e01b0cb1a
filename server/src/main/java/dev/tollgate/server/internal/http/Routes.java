package dev.tollgate.server.internal.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routing table the endpoint families fill ({@link Endpoint#routes}): a path pattern, {@code /v1/sessions/{id}}
 * with one segment per {@code {name}}, and per method its {@link Route}. Every {@code GET} route also answers {@code
 * HEAD} (RFC 9110 §9.3.2: a general-purpose server MUST support HEAD wherever it supports GET); Jetty sends the GET
 * answer's status and headers without its body. A pattern's error answers have the {@link ErrorShape} its routes were
 * registered with ({@link ErrorShape#TOLLGATE} unless one says {@link ErrorShape#OAUTH}). {@link Router} serves it.
 *
 * <p>Not thread-safe while it is filled; read-only once the server starts.
 */
public final class Routes {
    /** The methods {@code Allow} may list, in the order it lists them. */
    static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final Map<String, Map<String, Route>> byPattern = new LinkedHashMap<>();
    private final Map<String, ErrorShape> shapes = new LinkedHashMap<>();

    /** Registers {@code route} for GET and HEAD on {@code pattern}. */
    public Routes get(String pattern, Route route) {
        add("GET", pattern, route);
        return add("HEAD", pattern, route);
    }

    public Routes post(String pattern, Route route) {
        return add("POST", pattern, route);
    }

    /** Registers {@code route} for POST on {@code pattern}, its errors (and the pattern's) in {@code shape}. */
    public Routes post(String pattern, ErrorShape shape, Route route) {
        return add("POST", pattern, shape, route);
    }

    public Routes put(String pattern, Route route) {
        return add("PUT", pattern, route);
    }

    public Routes patch(String pattern, Route route) {
        return add("PATCH", pattern, route);
    }

    public Routes delete(String pattern, Route route) {
        return add("DELETE", pattern, route);
    }

    /** Each pattern with its routes by method, in registration order. */
    Map<String, Map<String, Route>> byPattern() {
        Map<String, Map<String, Route>> copy = new LinkedHashMap<>();
        byPattern.forEach((pattern, routes) -> copy.put(pattern, Map.copyOf(routes)));
        return copy;
    }

    /** The error shape of {@code pattern}'s answers, 404 and 405 included. */
    ErrorShape errorShape(String pattern) {
        return shapes.getOrDefault(pattern, ErrorShape.TOLLGATE);
    }

    private Routes add(String method, String pattern, Route route) {
        return add(method, pattern, ErrorShape.TOLLGATE, route);
    }

    private Routes add(String method, String pattern, ErrorShape shape, Route route) {
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("a path pattern starts with '/', was " + pattern);
        }
        // One shape per path: a client of the path learns one body for every failure there, 405 included.
        ErrorShape registered = shapes.putIfAbsent(pattern, shape);
        if (registered != null && registered != shape) {
            throw new IllegalStateException(
                    method + " " + pattern + " answers errors as " + shape + ", its other routes as " + registered);
        }
        Map<String, Route> routes = byPattern.computeIfAbsent(pattern, p -> new LinkedHashMap<>());
        if (routes.putIfAbsent(method, route) != null) {
            throw new IllegalStateException(method + " " + pattern + " was already registered");
        }
        return this;
    }
}
