package dev.tollgate.server.internal.http;

/**
 * One endpoint's answer to one method on one path pattern, registered by its family's {@link
 * Endpoint#routes(Routes)}. It either sends an answer ({@link ServerResponse#send(byte[])}) or throws a {@link
 * Rejection}; anything else it throws is a 500 ({@link ErrorResponder#unexpected}).
 */
@FunctionalInterface
public interface Route {
    void handle(ServerRequest request, ServerResponse response);
}
