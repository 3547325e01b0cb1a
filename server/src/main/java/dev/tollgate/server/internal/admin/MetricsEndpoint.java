package dev.tollgate.server.internal.admin;

import dev.tollgate.server.internal.http.Endpoint;
import dev.tollgate.server.internal.http.JsonResponses;
import dev.tollgate.server.internal.http.Metrics;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.ServerRequest;
import dev.tollgate.server.internal.http.ServerResponse;

/** {@code GET /metrics}: the meters in Prometheus text exposition format 0.0.4. Thread-safe. */
final class MetricsEndpoint implements Endpoint {
    private final Metrics metrics;
    private final JsonResponses responses;

    MetricsEndpoint(Metrics metrics, JsonResponses responses) {
        this.metrics = metrics;
        this.responses = responses;
    }

    @Override
    public void routes(Routes routes) {
        routes.get("/metrics", this::metrics);
    }

    private void metrics(ServerRequest request, ServerResponse response) {
        responses.sendText(response, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
    }
}
