package dev.tollgate.server.internal.http;

/** An endpoint family: it registers its routes in the server's one routing table. */
public interface Endpoint {
    void routes(Routes routes);
}
