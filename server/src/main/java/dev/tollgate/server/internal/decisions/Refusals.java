package dev.tollgate.server.internal.decisions;

import dev.tollgate.edge.DenialCode;
import dev.tollgate.edge.Denied;
import dev.tollgate.server.internal.access.Challenges;
import dev.tollgate.server.internal.http.Rejection;

/**
 * The one mapping from an edge refusal to an HTTP answer, for every endpoint that answers with a decision ({@code
 * /v1/edge/authorize}, {@code /v1/sessions}, the media-server hooks): {@code 401} when the token itself is refused as
 * a credential ({@link dev.tollgate.edge.DenialCode#refusesTheToken()}: not a token, a bad digest or envelope,
 * expired, an unknown application or reference), with the Bearer {@code invalid_token} challenge; {@code 403} when an
 * authentic token is refused for this request. The body's {@code code} is always the denial code itself, so an edge
 * logs and a client shows the same word the explain view traces. {@code docs/error-codes.md} tables it. Stateless.
 */
public final class Refusals {
    private Refusals() {}

    /** The HTTP status a refusal answers. */
    public static int status(Denied denied) {
        if (denied.code() == DenialCode.REVOCATIONS_UNAVAILABLE) {
            // Not the token's fault nor the request's: the server cannot trust its revocation list now; retry.
            return 503;
        }
        return denied.code().refusesTheToken() ? 401 : 403;
    }

    /**
     * The rejection to throw for a refusal; the message starts with {@code what} (e.g. "the edge refuses"), the log
     * gets the denial's detail.
     */
    public static Rejection of(Denied denied, String what) {
        String code = denied.code().code();
        Rejection rejection = Rejection.refusal(status(denied), denied.code(), what + ": " + code)
                .logDetail(denied.detail());
        return denied.code().refusesTheToken()
                ? rejection.oauth("invalid_token").header("WWW-Authenticate", Challenges.INVALID_TOKEN)
                : rejection;
    }
}
