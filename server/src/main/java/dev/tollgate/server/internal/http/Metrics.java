package dev.tollgate.server.internal.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The server's meters, exposed in Prometheus text format at {@code /metrics}: tokens issued by kind, requests
 * rejected by code, JVM memory and threads. Thread-safe.
 */
public final class Metrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
    }

    /** Counts an issued token: {@code api}, {@code client-access}, {@code dashboard}, {@code edge}. */
    public void issued(String kind) {
        Counter.builder("tollgate.tokens.issued")
                .description("Tokens issued")
                .tag("kind", kind)
                .register(registry)
                .increment();
    }

    /** Counts a rejected request by its stable code. */
    public void rejected(String code) {
        Counter.builder("tollgate.requests.rejected")
                .description("Requests rejected, by error code")
                .tag("code", code)
                .register(registry)
                .increment();
    }

    public String scrape() {
        return registry.scrape();
    }
}
