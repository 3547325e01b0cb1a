package dev.tollgate.server.internal.hooks;

import dev.tollgate.edge.Action;
import dev.tollgate.edge.DenialCode;
import dev.tollgate.server.internal.http.Endpoint;
import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.http.Rejection;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.ServerRequest;
import dev.tollgate.server.internal.http.ServerResponse;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * HLS through nginx's {@code auth_request}, {@code GET /hooks/http-auth}: nginx asks before it serves each playlist
 * and segment, with the original URI in a header ({@code X-Original-URI: $request_uri}, or the header the hook URL
 * names with {@code header=}) and the client's cookies. 204 allows; a refusal is 401 or 403 only, the two statuses
 * {@code auth_request} passes to the client (it turns any other into a 500). The stream is read from the URI ({@link
 * HlsPath}).
 *
 * <p>A fetch that carries a {@link SubscriptionCookie} of this stream whose usage session is open is allowed, past
 * the token's expiry, as the seed requires of an established subscription; it stops passing when the session ends
 * (timed out) within one {@link RecentChecks} window, and at the next fetch once its token is revoked (checked from
 * memory on every fetch: 401 {@code revoked}). Otherwise the URI's {@code token=} is decided by
 * the gate; admitted, it opens a usage session under a random key and answers the cookie, which nginx passes to the
 * client with {@code auth_request_set $auth_cookie $upstream_http_set_cookie; add_header Set-Cookie $auth_cookie;}.
 *
 * <p>This is the hot path: a fetch with a cookie costs an HMAC and a map lookup, and at most one database write per
 * subscription and window. The client address is {@code X-Real-IP} when nginx sets it, else the caller's. Thread-safe.
 */
final class HttpAuthHook implements Endpoint {
    static final String MEDIA_SERVER = "http-auth";

    /** The header nginx is configured to send the original URI in, unless the hook URL names another. */
    static final String DEFAULT_URI_HEADER = "X-Original-URI";

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final StreamGate gate;
    private final SubscriptionCookie cookie;
    private final RecentChecks recent;
    private final SecureRandom random;

    HttpAuthHook(StreamGate gate, SubscriptionCookie cookie, RecentChecks recent, SecureRandom random) {
        this.gate = Objects.requireNonNull(gate, "gate");
        this.cookie = Objects.requireNonNull(cookie, "cookie");
        this.recent = Objects.requireNonNull(recent, "recent");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public void routes(Routes routes) {
        routes.get("/hooks/http-auth", this::check);
    }

    private void check(ServerRequest request, ServerResponse response) {
        HookQuery hook = HookQuery.parse(request.rawQuery(), 403);
        String header = hook.uriHeader().orElse(DEFAULT_URI_HEADER);
        String original = request.header(header)
                .orElseThrow(() -> Rejection.of(
                        403,
                        ErrorCode.BAD_ORIGINAL_URI,
                        "no " + header + " header: nginx must send $request_uri in it"));
        HlsPath path = HlsPath.parse(original, hook.application().isPresent());
        boolean ended = false;
        for (String value : SubscriptionCookie.values(request.headers("Cookie"))) {
            Optional<String> key = cookie.verify(value, path.directory());
            if (key.isEmpty()) {
                continue;
            }
            Optional<StreamGate.Streamed> fresh = recent.fresh(key.get());
            Optional<Admission.Refused> refused;
            if (fresh.isPresent()) {
                // Revocation is checked on every fetch, from memory: a revoked subscription's next fetch is refused.
                refused = gate.revoked(MEDIA_SERVER, key.get(), fresh.get());
                if (refused.isEmpty()) {
                    allow(response);
                    return;
                }
            } else {
                switch (gate.liveness(MEDIA_SERVER, key.get())) {
                    case StreamGate.Alive alive -> {
                        recent.confirmed(key.get(), alive.streamed());
                        allow(response);
                        return;
                    }
                    case StreamGate.Ended gone -> refused = Optional.of(gone.refused());
                }
            }
            recent.forget(key.get());
            if (refused.get().code().equals(DenialCode.REVOKED.code())
                    && path.token().isEmpty()) {
                // 401 is one of the two statuses auth_request passes on; the player learns why.
                throw refused.get()
                        .rejection("the subscription is revoked")
                        .logDetail(path.directory() + ": " + refused.get().detail());
            }
            ended = true;
        }
        if (ended && path.token().isEmpty()) {
            throw Rejection.of(403, ErrorCode.SESSION_ENDED, "the subscription has ended; present a token again")
                    .logDetail(path.directory());
        }
        String clientKey = BASE64URL.encodeToString(randomBytes());
        StreamCall call = new StreamCall(
                MEDIA_SERVER,
                clientKey,
                Action.SUBSCRIBE,
                hook.application().orElseGet(() -> path.application().orElseThrow()),
                hook.kind(),
                path.name(),
                path.token(),
                Optional.of(request.header("X-Real-IP").orElseGet(request::remoteAddress)),
                path.session());
        switch (gate.admit(call)) {
            case Admission.Admitted admitted -> {
                recent.confirmed(admitted.session().clientKey(), StreamGate.Streamed.of(admitted.session()));
                boolean secure = request.header("X-Forwarded-Proto")
                        .filter(proto -> proto.equalsIgnoreCase("https"))
                        .isPresent();
                response.header("Set-Cookie", cookie.header(clientKey, path.directory(), secure));
                allow(response);
            }
            case Admission.Refused refused ->
                throw refused.rejection("the stream is refused: " + refused.code())
                        .logDetail(call.applicationId() + "/" + call.name() + ": " + refused.detail());
        }
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return bytes;
    }

    private static void allow(ServerResponse response) {
        response.status(204).send(new byte[0]);
    }
}
