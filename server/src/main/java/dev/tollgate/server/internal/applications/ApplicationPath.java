package dev.tollgate.server.internal.applications;

import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.http.Rejection;
import dev.tollgate.server.internal.http.ServerRequest;
import java.nio.charset.StandardCharsets;

/**
 * The application named by {@code {id}} in a path ({@code /v1/admin/applications/{id}/...}). An ID is ASCII and at most
 * 64 characters; anything else names no application, so it is a 404 before any lookup. Stateless.
 */
public final class ApplicationPath {
    private static final int MAX_ID_LENGTH = 64;

    private ApplicationPath() {}

    /** The {@code id} path parameter; 404 {@code application-not-found} when it cannot be an application's ID. */
    public static String id(ServerRequest request) {
        String id = request.pathParameter("id");
        if (id.length() > MAX_ID_LENGTH || id.getBytes(StandardCharsets.UTF_8).length != id.length()) {
            throw Rejection.of(404, ErrorCode.APPLICATION_NOT_FOUND, "no such application");
        }
        return id;
    }
}
