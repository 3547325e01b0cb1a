package dev.tollgate.server.internal.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.edge.DenialCode;
import dev.tollgate.server.internal.access.Challenges;
import dev.tollgate.server.internal.access.Credentials;
import dev.tollgate.server.internal.access.RateLimit;
import dev.tollgate.server.internal.http.Endpoint;
import dev.tollgate.server.internal.http.JsonFields;
import dev.tollgate.server.internal.http.JsonResponses;
import dev.tollgate.server.internal.http.Rejection;
import dev.tollgate.server.internal.http.RequestBody;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.ServerRequest;
import dev.tollgate.server.internal.http.ServerResponse;
import dev.tollgate.server.internal.refs.TokenRefResolver;
import dev.tollgate.server.internal.refs.TokenRefs;
import dev.tollgate.token.Rejected;
import dev.tollgate.token.TokenVerifier;
import dev.tollgate.token.Verified;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /v1/token-refs} {@code {"token":"DIGEST:..."}}: a short reference ({@code tgr_...}) to a verified
 * EdgeAuth token, for carriers a full token does not fit. nginx-rtmp caps stream name + query at 255 bytes and
 * truncates silently, a {@code /} in a token breaks ffmpeg's URL and a {@code +} decodes to a space (DESIGN.md,
 * media servers); {@code ?token=tgr_...} has none of these problems. Every endpoint that accepts an EdgeAuth token
 * accepts the reference through {@link TokenRefResolver}.
 *
 * <p>No other credential: the token is one, and it must verify against a registered application (digest, not
 * expired within the skew). Answers 201 for a new reference, 200 with the same reference when the token had one.
 * Creation is limited per client address: each new reference is a database row. Thread-safe.
 */
final class TokenRefEndpoint implements Endpoint {
    private static final Set<String> FIELDS = Set.of("token");

    private final TokenVerifier verifier;
    private final TokenRefs refs;
    private final RateLimit rateLimit;
    private final JsonResponses responses;
    private final ObjectMapper mapper;
    private final Clock clock;

    TokenRefEndpoint(
            TokenVerifier verifier,
            TokenRefs refs,
            RateLimit rateLimit,
            JsonResponses responses,
            ObjectMapper mapper,
            Clock clock) {
        this.verifier = verifier;
        this.refs = refs;
        this.rateLimit = rateLimit;
        this.responses = responses;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public void routes(Routes routes) {
        routes.post("/v1/token-refs", this::create);
    }

    private void create(ServerRequest request, ServerResponse response) {
        String address = Credentials.clientAddress(request);
        rateLimit.require(address, "too many token references requested; retry later");
        JsonFields body = JsonFields.of(RequestBody.jsonObject(request, mapper, false), FIELDS);
        String token = body.requiredString("token");
        Verified verified = switch (verifier.verify(token, clock.instant())) {
            case Verified ok -> ok;
            case Rejected rejected -> throw refused(rejected);
        };
        TokenRefs.Issued issued = refs.issue(token, verified);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ref", issued.ref().value());
        answer.put("applicationId", issued.applicationId());
        answer.put("expiresAt", issued.expiresAt().toEpochMilli());
        responses.sendSecret(response, issued.created() ? 201 : 200, answer);
    }

    /**
     * The verification code is the wire code, as at {@code /v1/tokens/verify}. A token that cannot be read is a bad
     * request (400); one that is readable but not (or no longer) authentic fails as a credential (401, with the
     * {@code WWW-Authenticate} RFC 9110 §15.5.2 requires).
     */
    private static Rejection refused(Rejected rejected) {
        String message = "the token does not verify: " + rejected.code().code();
        Rejection rejection = switch (rejected.code()) {
            case NOT_A_DIGEST_TOKEN, BAD_TOKEN -> Rejection.refusal(400, DenialCode.of(rejected.code()), message);
            case BAD_DIGEST, EXPIRED, UNKNOWN_APPLICATION ->
                Rejection.refusal(401, DenialCode.of(rejected.code()), message);
            case UNSUPPORTED, VERIFIED ->
                throw new IllegalStateException("token verification failed unexpectedly: " + rejected.detail());
        };
        if (rejection.status() == 401) {
            rejection = rejection.header("WWW-Authenticate", Challenges.INVALID_TOKEN);
        }
        return rejection.logDetail(rejected.detail());
    }
}
