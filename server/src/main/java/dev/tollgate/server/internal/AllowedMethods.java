package dev.tollgate.server.internal;

import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
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
 * <p>Every {@code GET} route also answers {@code HEAD} (RFC 9110 §9.3.2: a general-purpose server MUST support HEAD
 * wherever it supports GET), so {@code Allow} lists {@code HEAD} beside {@code GET}. Helidon routes HEAD only where a
 * route names it, and {@link HeadResponse} sends the GET answer's headers without its body.
 *
 * <p>Thread-safe once the routing is built.
 */
public final class AllowedMethods {
    private static final List<Method> METHODS =
            List.of(Method.GET, Method.HEAD, Method.POST, Method.PUT, Method.PATCH, Method.DELETE, Method.OPTIONS);

    private final List<HttpRoute> routes = new CopyOnWriteArrayList<>();

    /**
     * Records the routes of {@code services} and returns them, their GET routes also taking HEAD, to be registered
     * with the real routing.
     */
    public HttpService[] recorded(HttpService... services) {
        HttpService[] withHead = new HttpService[services.length];
        for (int i = 0; i < services.length; i++) {
            withHead[i] = new HeadAsGet(services[i]);
        }
        Recorder recorder = new Recorder();
        for (HttpService service : withHead) {
            service.routing(recorder);
        }
        return withHead;
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

    /** A service whose {@code get(...)} routes take {@code HEAD} too; its lifecycle is the wrapped service's. */
    private record HeadAsGet(HttpService service) implements HttpService {
        @Override
        public void routing(HttpRules rules) {
            service.routing(new HeadRules(rules));
        }

        @Override
        public void beforeStart() {
            service.beforeStart();
        }

        @Override
        public void afterStop() {
            service.afterStop();
        }
    }

    private static Handler headersOnlyForHead(Handler handler) {
        return (request, response) -> handler.handle(request, HeadResponse.of(request, response));
    }

    /** Passes every rule through, except that a GET route becomes a GET-or-HEAD route. */
    private record HeadRules(HttpRules rules) implements HttpRules {
        @Override
        public HttpRules register(HttpService... services) {
            for (HttpService service : services) {
                rules.register(new HeadAsGet(service));
            }
            return this;
        }

        @Override
        public HttpRules register(String pathPattern, HttpService... services) {
            for (HttpService service : services) {
                rules.register(pathPattern, new HeadAsGet(service));
            }
            return this;
        }

        @Override
        public HttpRules route(HttpRoute route) {
            rules.route(route);
            return this;
        }

        @Override
        public HttpRules get(String pathPattern, Handler... handlers) {
            for (Handler handler : handlers) {
                rules.route(HttpRoute.builder()
                        .methods(Method.GET, Method.HEAD)
                        .path(pathPattern)
                        .handler(headersOnlyForHead(handler))
                        .build());
            }
            return this;
        }

        @Override
        public HttpRules get(Handler... handlers) {
            for (Handler handler : handlers) {
                rules.route(HttpRoute.builder()
                        .methods(Method.GET, Method.HEAD)
                        .handler(headersOnlyForHead(handler))
                        .build());
            }
            return this;
        }
    }
}
