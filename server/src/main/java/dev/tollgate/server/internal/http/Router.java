package dev.tollgate.server.internal.http;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.pathmap.MatchedResource;
import org.eclipse.jetty.http.pathmap.PathMappings;
import org.eclipse.jetty.http.pathmap.UriTemplatePathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.URIUtil;

/**
 * Serves a {@link Routes} table as one Jetty core handler: the decoded path picks the pattern (a literal path by
 * lookup, a template through Jetty's {@link PathMappings} of {@link UriTemplatePathSpec}s), the method picks the
 * route. A path that exists for other methods
 * answers {@code 405 method-not-allowed} with {@code Allow} (RFC 9110 §15.5.6), any other path {@code 404
 * not-found}. Every {@link Rejection} and every other failure a route throws becomes the JSON answer of {@link
 * ErrorResponder}, so nothing a route does reaches Jetty's own error page.
 *
 * <p>Handlers block (database, hashing): Jetty runs them on virtual threads. Thread-safe.
 */
public final class Router extends Handler.Abstract {
    // Most paths are literal (/health, /hooks/http-auth, /v1/tokens/verify): a hash lookup. PathMappings tries each
    // template's regular expression in turn, which the profile of GET /health showed as 7 % of the CPU.
    private final Map<String, Pattern> exact = new HashMap<>();
    private final PathMappings<Pattern> templates = new PathMappings<>();
    private final ErrorResponder errors;

    /** One path pattern's routes by method, and the shape of its error answers. */
    private record Pattern(Map<String, Route> byMethod, ErrorShape errorShape) {}

    /** The pattern a path matched, with its decoded template parameters. */
    private record Matched(Pattern pattern, Map<String, String> parameters) {}

    public Router(Routes routes, ErrorResponder errors) {
        this.errors = errors;
        routes.byPattern().forEach((pattern, byMethod) -> {
            Pattern routed = new Pattern(byMethod, routes.errorShape(pattern));
            if (pattern.indexOf('{') < 0) {
                exact.put(pattern, routed);
            } else {
                templates.put(new UriTemplatePathSpec(pattern), routed);
            }
        });
    }

    private Matched match(String path) {
        if (path == null) {
            return null;
        }
        Pattern literal = exact.get(path);
        if (literal != null) {
            return new Matched(literal, Map.of());
        }
        MatchedResource<Pattern> matched = templates.getMatched(path);
        if (matched == null) {
            return null;
        }
        Map<String, String> parameters =
                matched.getPathSpec() instanceof UriTemplatePathSpec template && template.getVariableCount() > 0
                        ? decoded(template.getPathParams(path))
                        : Map.of();
        return new Matched(matched.getResource(), parameters);
    }

    /**
     * The error shape of the route that serves {@code path}, for errors raised before routing ({@link
     * TransportErrors}); {@link ErrorShape#TOLLGATE} for a path no route serves.
     */
    public ErrorShape errorShape(String path) {
        Matched matched = match(path);
        return matched == null ? ErrorShape.TOLLGATE : matched.pattern().errorShape();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        Matched matched = match(path);
        ErrorShape shape =
                matched == null ? ErrorShape.TOLLGATE : matched.pattern().errorShape();
        ServerRequest asked = new ServerRequest(
                request, path == null ? "" : path, matched == null ? Map.of() : matched.parameters(), shape);
        ServerResponse answer = new ServerResponse(asked, response, callback);
        try {
            route(asked, matched).handle(asked, answer);
            if (!answer.isSent()) {
                throw new IllegalStateException("the route sent no answer");
            }
        } catch (Rejection rejection) {
            errors.reject(asked, answer, rejection);
        } catch (RuntimeException | Error e) {
            errors.unexpected(asked, answer, e);
        }
        return true;
    }

    /**
     * The template parameters, percent-decoded. Jetty's path in context keeps the reserved characters a path may not
     * hold decoded ({@code %23} for {@code #}, {@code %3F} for {@code ?}) encoded, and a channel ID holds {@code #}
     * ({@code us-northeast#<app>#news.x}), which a client must send as {@code %23}. {@code %2F} never gets here: the
     * URI compliance refuses it as ambiguous.
     */
    private static Map<String, String> decoded(Map<String, String> parameters) {
        Map<String, String> decoded = new LinkedHashMap<>();
        parameters.forEach((name, value) -> decoded.put(name, value.indexOf('%') < 0 ? value : decode(value)));
        return decoded;
    }

    private static String decode(String value) {
        try {
            return URIUtil.decodePath(value);
        } catch (IllegalArgumentException e) {
            // Not a valid escape (the URI compliance lets few through): left as sent, it names nothing (404).
            return value;
        }
    }

    private static Route route(ServerRequest request, Matched matched) {
        if (matched == null) {
            throw Rejection.of(404, ErrorCode.NOT_FOUND, "no such endpoint");
        }
        Map<String, Route> byMethod = matched.pattern().byMethod();
        Route route = byMethod.get(request.method());
        if (route != null) {
            return route;
        }
        List<String> allowed =
                Routes.METHODS.stream().filter(byMethod::containsKey).toList();
        throw Rejection.of(
                        405,
                        ErrorCode.METHOD_NOT_ALLOWED,
                        request.method() + " is not allowed here; allowed: " + String.join(", ", allowed))
                .header("Allow", String.join(", ", allowed));
    }
}
