package dev.tollgate.server.internal.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.server.internal.http.Endpoint;
import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.http.JsonFields;
import dev.tollgate.server.internal.http.JsonResponses;
import dev.tollgate.server.internal.http.Rejection;
import dev.tollgate.server.internal.http.RequestBody;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.ServerRequest;
import dev.tollgate.server.internal.http.ServerResponse;
import dev.tollgate.server.internal.minting.EdgeTokenRequest;
import dev.tollgate.server.internal.minting.TokenLint;
import dev.tollgate.token.Decoded;
import dev.tollgate.token.DigestTokens;
import dev.tollgate.token.Rejected;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /v1/dashboard/lint}: the token studio's linter. Body {@code {"kind":"digest","options":{…}}} with the
 * options of {@code POST /v1/edge-tokens} (read by the same {@link EdgeTokenRequest}), or {@code {"token":"DIGEST:…"}}
 * for a token made elsewhere. Answer {@code 200 {"findings":[{"code","severity","message"}],"size":{…}}}
 * ({@link TokenLint}).
 *
 * <p>For options the token is built with a stand-in secret: its size does not depend on the secret (the digest is
 * always 88 base64 characters), so the linter needs no credential and signs nothing that could be used. For the same
 * reason it is open, like {@code /v1/tokens/verify}: it reads only what the caller sends and changes nothing.
 * Thread-safe.
 */
final class LintEndpoint implements Endpoint {
    private static final Set<String> FIELDS = Set.of("kind", "options", "token", "carrier");
    /** Signs nothing real: only the token's length and claims are looked at. */
    private static final String STAND_IN_SECRET = "lint-only";

    private final JsonResponses responses;
    private final ObjectMapper mapper;
    private final Clock clock;

    LintEndpoint(JsonResponses responses, ObjectMapper mapper, Clock clock) {
        this.responses = responses;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public void routes(Routes routes) {
        routes.post("/v1/dashboard/lint", this::lint);
    }

    private void lint(ServerRequest request, ServerResponse response) {
        JsonFields body = JsonFields.of(RequestBody.jsonObject(request, mapper, false), FIELDS);
        Optional<JsonFields> options = body.object("options", EdgeTokenRequest.FIELDS);
        Optional<String> given = body.string("token");
        if (options.isPresent() == given.isPresent()) {
            throw Rejection.badRequest(ErrorCode.CONFLICTING_FIELDS, "give either options or token");
        }
        String kind = body.string("kind").orElse("digest");
        if (!kind.equals("digest")) {
            throw Rejection.badRequest(
                    ErrorCode.INVALID_VALUE, "kind must be digest: the linter reads EdgeAuth tokens");
        }
        String token;
        Optional<String> carrier = body.string("carrier");
        if (options.isPresent()) {
            EdgeTokenRequest asked = EdgeTokenRequest.read(options.get(), clock);
            String applicationId = asked.applicationId()
                    .orElseThrow(() -> Rejection.badRequest(
                            ErrorCode.MISSING_FIELD, "options.applicationId is required: it is part of the token"));
            token = EdgeTokenRequest.build(asked.builder(applicationId, STAND_IN_SECRET, clock));
            carrier = carrier.or(() -> Optional.of(asked.carrier()));
        } else {
            token = given.get();
        }
        Decoded decoded = switch (DigestTokens.decodeUnverified(token)) {
            case Decoded d -> d;
            case Rejected rejected ->
                throw Rejection.badRequest(
                        ErrorCode.INVALID_VALUE,
                        "not a digest token the linter can read: "
                                + rejected.code().code());
        };
        TokenLint.Report report = TokenLint.lint(token, decoded.claims(), carrier, clock.instant());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("findings", report.findings());
        answer.put("size", report.size());
        responses.send(response, 200, answer);
    }
}
