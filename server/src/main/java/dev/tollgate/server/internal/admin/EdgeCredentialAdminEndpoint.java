package dev.tollgate.server.internal.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.server.internal.access.EdgeCredential;
import dev.tollgate.server.internal.access.Gates;
import dev.tollgate.server.internal.http.Endpoint;
import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.http.JsonFields;
import dev.tollgate.server.internal.http.JsonResponses;
import dev.tollgate.server.internal.http.Rejection;
import dev.tollgate.server.internal.http.RequestBody;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.ServerRequest;
import dev.tollgate.server.internal.http.ServerResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/admin/edge-credential/rotate} (admin credential), body {@code {"overlapSeconds":N}} or none: a new
 * edge credential, shown once and written to this node's {@code edge.token}; the previous one keeps working for the
 * overlap (default 1 h, at most 7 days, 0 ends it at once), so that the media servers can be given the new one one at
 * a time. Thread-safe.
 */
final class EdgeCredentialAdminEndpoint implements Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(EdgeCredentialAdminEndpoint.class);
    private static final Set<String> FIELDS = Set.of("overlapSeconds");

    private final Gates gates;
    private final EdgeCredential credential;
    private final SecureRandom random;
    private final JsonResponses responses;
    private final ObjectMapper mapper;

    EdgeCredentialAdminEndpoint(
            Gates gates, EdgeCredential credential, SecureRandom random, JsonResponses responses, ObjectMapper mapper) {
        this.gates = gates;
        this.credential = credential;
        this.random = random;
        this.responses = responses;
        this.mapper = mapper;
    }

    @Override
    public void routes(Routes routes) {
        routes.post("/v1/admin/edge-credential/rotate", this::rotate);
    }

    private void rotate(ServerRequest request, ServerResponse response) {
        gates.requireAdmin(request);
        JsonFields body = JsonFields.of(RequestBody.jsonObject(request, mapper, true), FIELDS);
        long seconds = body.integer("overlapSeconds").orElse(EdgeCredential.DEFAULT_OVERLAP.toSeconds());
        if (seconds < 0 || seconds > EdgeCredential.MAX_OVERLAP.toSeconds()) {
            throw Rejection.badRequest(
                    ErrorCode.INVALID_VALUE,
                    "overlapSeconds must be 0 to " + EdgeCredential.MAX_OVERLAP.toSeconds() + " (7 days)");
        }
        EdgeCredential.Rotated rotated = credential.rotate(Duration.ofSeconds(seconds), random);
        LOG.info("edge credential rotated; the previous one works until {}", rotated.previousValidUntil());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("edgeCredential", rotated.value());
        answer.put("previousValidUntil", rotated.previousValidUntil().toString());
        answer.put("file", rotated.file().toString());
        responses.send(response, 200, answer);
    }
}
