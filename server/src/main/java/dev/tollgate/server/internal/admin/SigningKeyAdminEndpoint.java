package dev.tollgate.server.internal.admin;

import dev.tollgate.server.internal.access.Gates;
import dev.tollgate.server.internal.http.Endpoint;
import dev.tollgate.server.internal.http.JsonResponses;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.ServerRequest;
import dev.tollgate.server.internal.http.ServerResponse;
import dev.tollgate.server.internal.keys.SigningKeys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/admin/signing-keys/rotate}: a new JWT signing key; the old one keeps verifying (and stays in the
 * JWKS) until its tokens have expired. Thread-safe.
 */
final class SigningKeyAdminEndpoint implements Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(SigningKeyAdminEndpoint.class);

    private final Gates gates;
    private final SigningKeys keys;
    private final JsonResponses responses;

    SigningKeyAdminEndpoint(Gates gates, SigningKeys keys, JsonResponses responses) {
        this.gates = gates;
        this.keys = keys;
        this.responses = responses;
    }

    @Override
    public void routes(Routes routes) {
        routes.post("/v1/admin/signing-keys/rotate", this::rotate);
    }

    private void rotate(ServerRequest request, ServerResponse response) {
        gates.requireAdmin(request);
        Map.Entry<String, List<SigningKeys.Retired>> rotated = keys.rotate();
        LOG.info("signing key rotated: new kid {}, retired {}", rotated.getKey(), rotated.getValue());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("kid", rotated.getKey());
        answer.put(
                "retired",
                rotated.getValue().stream()
                        .map(r -> Map.of(
                                "kid",
                                r.kid(),
                                "publishedUntil",
                                r.publishedUntil().toString()))
                        .toList());
        responses.send(response, 200, answer);
    }
}
