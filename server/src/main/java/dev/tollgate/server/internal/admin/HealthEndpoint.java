package dev.tollgate.server.internal.admin;

import dev.tollgate.server.internal.http.Endpoint;
import dev.tollgate.server.internal.http.JsonResponses;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.ServerRequest;
import dev.tollgate.server.internal.http.ServerResponse;
import java.util.Map;

/**
 * {@code GET /health}: 200 {@code {"status":"up"}} when the database answered, else 503; the answer is at most
 * {@link HealthProbe#MAX_AGE} old ({@link HealthProbe}). Thread-safe.
 */
final class HealthEndpoint implements Endpoint {
    private final HealthProbe probe;
    private final JsonResponses responses;

    HealthEndpoint(HealthProbe probe, JsonResponses responses) {
        this.probe = probe;
        this.responses = responses;
    }

    @Override
    public void routes(Routes routes) {
        routes.get("/health", this::health);
    }

    private void health(ServerRequest request, ServerResponse response) {
        boolean up = probe.databaseUp();
        responses.send(response, up ? 200 : 503, Map.of("status", up ? "up" : "down", "database", up ? "up" : "down"));
    }
}
