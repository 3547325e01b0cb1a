package dev.tollgate.server.internal.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;

/**
 * What every endpoint family shares, built once per server: the JSON mapper with the request limits, the JSON
 * answers, the metrics, the error answers and the clock. Immutable; each part is thread-safe.
 *
 * @param mapper reads request bodies: duplicate keys refused, nesting, string and number lengths bounded
 * @param responses writes JSON answers through {@code mapper}
 * @param metrics the Prometheus registry behind {@code /metrics}
 * @param errors turns a {@link Rejection} or an unexpected failure into the JSON error answer
 * @param clock drives every expiry the server issues and checks
 */
public record Plumbing(
        ObjectMapper mapper, JsonResponses responses, Metrics metrics, ErrorResponder errors, Clock clock) {
    /** The plumbing of a server running on {@code clock}. */
    public static Plumbing create(Clock clock) {
        ObjectMapper mapper = strictMapper();
        Metrics metrics = new Metrics();
        JsonResponses responses = new JsonResponses(mapper);
        return new Plumbing(mapper, responses, metrics, new ErrorResponder(responses, metrics), clock);
    }

    private static ObjectMapper strictMapper() {
        JsonFactory factory = JsonFactory.builder()
                // Jackson's default buffer pool is per thread, and every request runs on a new virtual thread: each
                // answer allocated fresh buffers (12 % of GET /health's CPU). One pool shared by all threads instead.
                .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(32)
                        .maxStringLength(64 * 1024)
                        .maxNumberLength(32)
                        .build())
                .build();
        return new ObjectMapper(factory);
    }
}
