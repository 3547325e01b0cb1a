package dev.tollgate.server.internal;

import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRoute;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The answer for a request no route took: {@code 405 method-not-allowed} with {@code Allow} (RFC 9110 §15.5.6) when the
 * path exists for other methods, else {@code 404 not-found}. Helidon routes by method and path together and has no
 * 405 of its own, so the endpoints' routes are recorded as they are registered ({@link #recorded}) and the unmatched
 * request is tried against them with each other method.
 *
 * <p>Thread-safe once the routing is built.
 */
public final class AllowedMethods {
    private static final List<Method> METHODS =
            List.of(Method.GET, Method.HEAD, Method.POST, Method.PUT, Method.PATCH, Method.DELETE, Method.OPTIONS);

    private final List<HttpRoute> routes = new CopyOnWriteArrayList<>();

    /** Records the routes of {@code services} and returns them, to be registered with the real routing. */
    public HttpService[] recorded(HttpService... services) {
        Recorder recorder = new Recorder();
        for (HttpService service : services) {
            service.routing(recorder);
        }
        return services;
    }

    /** The fallback handler: throws the 405 or 404 {@link Rejection}. */
    public void unmatched(ServerRequest request, ServerResponse response) {
        HttpPrologue prologue = request.prologue();
        List<String> allowed = METHODS.stream()
                .filter(method -> !method.equals(prologue.method()) && accepted(prologue, method))
                .map(Method::text)
                .toList();
        if (allowed.isEmpty()) {
            throw Rejection.of(404, "not-found", "no such endpoint");
        }
        throw Rejection.of(
                        405,
                        "method-not-allowed",
                        prologue.method().text() + " is not allowed here; allowed: " + String.join(", ", allowed))
                .header("Allow", String.join(", ", allowed));
    }

    private boolean accepted(HttpPrologue prologue, Method method) {
        HttpPrologue other = HttpPrologue.create(
                prologue.rawProtocol(),
                prologue.protocol(),
                prologue.protocolVersion(),
                method,
                prologue.uriPath(),
                prologue.query(),
                prologue.fragment());
        for (HttpRoute route : routes) {
            if (route.accepts(other).accepted()) {
                return true;
            }
        }
        return false;
    }

    /** Collects routes; every other {@link HttpRules} method is a default that ends in {@link #route(HttpRoute)}. */
    private final class Recorder implements HttpRules {
        @Override
        public HttpRules register(HttpService... services) {
            for (HttpService service : services) {
                service.routing(this);
            }
            return this;
        }

        @Override
        public HttpRules register(String pathPattern, HttpService... services) {
            throw new IllegalStateException("services registered under a path prefix (" + pathPattern
                    + ") are not recorded; register them at the root");
        }

        @Override
        public HttpRules route(HttpRoute route) {
            routes.add(route);
            return this;
        }
    }
}
