package dev.tollgate.server.internal.admin;

import dev.tollgate.server.internal.http.Endpoint;
import dev.tollgate.server.internal.http.JsonResponses;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.ServerRequest;
import dev.tollgate.server.internal.http.ServerResponse;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /health}: 200 {@code {"status":"up"}} when the database answers, else 503. Thread-safe. */
final class HealthEndpoint implements Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(HealthEndpoint.class);

    private final Jdbi jdbi;
    private final JsonResponses responses;

    HealthEndpoint(Jdbi jdbi, JsonResponses responses) {
        this.jdbi = jdbi;
        this.responses = responses;
    }

    @Override
    public void routes(Routes routes) {
        routes.get("/health", this::health);
    }

    private void health(ServerRequest request, ServerResponse response) {
        boolean up;
        try {
            up = jdbi.withHandle(handle ->
                            handle.createQuery("SELECT 1").mapTo(Integer.class).one())
                    == 1;
        } catch (RuntimeException e) {
            LOG.warn("health check: the database does not answer: {}", e.getMessage());
            up = false;
        }
        responses.send(response, up ? 200 : 503, Map.of("status", up ? "up" : "down", "database", up ? "up" : "down"));
    }
}
