package dev.tollgate.server.internal.issuance;

import dev.tollgate.server.internal.http.Endpoint;
import dev.tollgate.server.internal.http.JsonResponses;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.ServerRequest;
import dev.tollgate.server.internal.http.ServerResponse;
import dev.tollgate.server.internal.keys.SigningKeys;

/**
 * {@code GET /.well-known/jwks.json}: the public keys that verify this server's JWTs (RFC 7517 §5), including retired
 * keys whose tokens may still be valid. Cacheable for five minutes: a new key signs only after rotation, and
 * verifiers refetch on an unknown {@code kid}. Thread-safe.
 */
final class JwksEndpoint implements Endpoint {
    private final SigningKeys keys;
    private final JsonResponses responses;

    JwksEndpoint(SigningKeys keys, JsonResponses responses) {
        this.keys = keys;
        this.responses = responses;
    }

    @Override
    public void routes(Routes routes) {
        routes.get("/.well-known/jwks.json", this::jwks);
    }

    private void jwks(ServerRequest request, ServerResponse response) {
        response.header("Cache-Control", "public, max-age=300");
        responses.send(response, 200, keys.jwks());
    }
}
