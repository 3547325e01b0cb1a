package dev.tollgate.server.internal;

/**
 * {@code GET /.well-known/jwks.json}: the public keys that verify this server's JWTs (RFC 7517 §5), including retired
 * keys whose tokens may still be valid. Cacheable for five minutes: a new key signs only after rotation, and
 * verifiers refetch on an unknown {@code kid}. Thread-safe.
 */
public final class JwksEndpoint implements Endpoint {
    private final SigningKeys keys;
    private final JsonResponses responses;

    public JwksEndpoint(SigningKeys keys, JsonResponses responses) {
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
