package dev.tollgate.server.internal.access;

/**
 * Every {@code WWW-Authenticate} challenge the server sends, in one place, so that a realm or an attribute cannot
 * drift between endpoints. A 401 carries one (RFC 9110 §11.6.1 requires it); RFC 6750 §3 shapes the Bearer ones, RFC
 * 7617 the Basic one. Two realms: {@code tollgate} for applications and their tokens, {@code tollgate-edge} for the
 * edge credential, which is no application's.
 *
 * <p>Constants and pure functions; thread-safe.
 */
public final class Challenges {
    /** The realm of applications, their API tokens and client access tokens, and of the admin credential. */
    static final String REALM = "tollgate";

    /** The realm of the edge credential. */
    static final String EDGE_REALM = "tollgate-edge";

    /** Application credentials (RFC 6749 §2.3.1: HTTP Basic with the application ID and secret, in UTF-8). */
    public static final String BASIC = "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"";

    /** A Bearer token is required and none was sent: RFC 6750 §3.1 gives no error code then. */
    public static final String BEARER = "Bearer realm=\"" + REALM + "\"";

    /** The Bearer token sent is malformed, expired, revoked or of the wrong kind (RFC 6750 §3.1). */
    public static final String INVALID_TOKEN = BEARER + ", error=\"invalid_token\"";

    /** The edge credential is required and none was sent. */
    public static final String EDGE = "Bearer realm=\"" + EDGE_REALM + "\"";

    /** The edge credential sent is not the edge credential. */
    public static final String EDGE_INVALID_TOKEN = EDGE + ", error=\"invalid_token\"";

    private Challenges() {}

    /** The token is valid but lacks {@code scope}, which the challenge names (RFC 6750 §3.1). */
    public static String insufficientScope(String scope) {
        return BEARER + ", error=\"insufficient_scope\", scope=\"" + scope + "\"";
    }
}
