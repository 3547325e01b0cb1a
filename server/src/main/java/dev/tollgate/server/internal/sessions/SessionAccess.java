package dev.tollgate.server.internal.sessions;

import dev.tollgate.server.internal.access.Challenges;
import dev.tollgate.server.internal.access.Gates;
import dev.tollgate.server.internal.access.SessionScopes;
import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.http.Rejection;
import dev.tollgate.server.internal.http.ServerRequest;
import dev.tollgate.server.internal.keys.JwtTokens;
import java.time.Clock;

/**
 * Who may act on a session ({@code /v1/sessions/{id}} and below), and with which session scope. Three checks, each
 * closing a way to act on someone else's session:
 *
 * <ol>
 *   <li>a valid client access token of the session's application (an API token or an EdgeAuth token is not one);
 *   <li>the same identity as the token that opened the session ({@link Session#opener()}): the same external ID, or,
 *       for a session opened by a token without one, that very token (its {@code jti}): the seed's point is that a
 *       self-declared identity proves nothing, so nothing else can be trusted to be the same participant;
 *   <li>the scope in both the session (recorded at open) and the presented token: a session opened without {@code
 *       session:update} does not gain it from a later token, and a later token with less scope keeps its limits.
 * </ol>
 *
 * <p>And the session must not have expired: it ends when the token that opened it expires ({@link
 * Session#expiresAt()}), so a later token with the same external ID cannot keep acting on it (410 {@code
 * session-expired}, checked after the opener so that nobody else learns whether it exists).
 *
 * <p>Thread-safe.
 */
public final class SessionAccess {
    static final String EDGE_TOKEN_OPENER = "edge-token";

    private final Gates gates;
    private final SessionStore sessions;
    private final Clock clock;

    public SessionAccess(Gates gates, SessionStore sessions, Clock clock) {
        this.gates = gates;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** The identity a session records for the client access token that opens it. */
    static String opener(JwtTokens.Valid token) {
        return token.externalId()
                .map(id -> "external-id:" + id)
                .orElseGet(() -> "token:" + token.claims().getJWTID());
    }

    /**
     * The session named by the path parameter {@code id}, when the presented token may act on it with {@code scope}.
     *
     * @throws Rejection 401 without a valid client access token, 404 for an unknown session or one of another
     *     application, 403 {@code not-your-session} or {@code insufficient-scope}, 410 {@code session-expired}
     */
    public Session require(ServerRequest request, String scope) {
        JwtTokens.Valid token =
                gates.requireBearer(request, JwtTokens.CLIENT_AUDIENCE, "the client access token of the session");
        String id = request.pathParameter("id");
        Session session = sessions.find(id.length() > 64 ? "" : id)
                .filter(s -> s.applicationId().equals(token.applicationId()))
                .orElseThrow(() -> Rejection.of(404, ErrorCode.NOT_FOUND, "no such session"));
        if (session.opener().isEmpty() || !session.opener().equals(opener(token))) {
            throw Rejection.of(
                            403,
                            ErrorCode.NOT_YOUR_SESSION,
                            "only the participant who opened the session may act on it: the same external ID, or"
                                    + " the same token when it carries none")
                    .logDetail("session " + session.id());
        }
        if (!clock.instant().isBefore(session.expiresAt())) {
            throw Rejection.of(410, ErrorCode.SESSION_EXPIRED, "the session has expired; open a new one")
                    .logDetail("session " + session.id() + " expired at " + session.expiresAt());
        }
        if (!SessionScopes.allows(session.scope(), scope) || !SessionScopes.allows(token.scope(), scope)) {
            throw Rejection.of(
                            403,
                            ErrorCode.INSUFFICIENT_SCOPE,
                            "the session and its client access token must both hold the session scope " + scope)
                    .oauth("insufficient_scope")
                    .header("WWW-Authenticate", Challenges.insufficientScope(scope));
        }
        return session;
    }
}
