package dev.tollgate.server.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions, the platform side of the seeds. {@code POST /v1/sessions} with a Bearer client access token opens one;
 * when the token carries an external ID, the participant in the body is disregarded and the token's identity is used
 * (seed "Client Authentication", SDK compatibility: self-identification is open to impersonation). {@code PATCH
 * /v1/sessions/{id}} changes the participant name and requires the session scope {@code session:update}.
 *
 * <p>Thread-safe.
 */
public final class SessionEndpoint implements HttpService {
    private static final Logger LOG = LoggerFactory.getLogger(SessionEndpoint.class);
    private static final Set<String> OPEN_FIELDS = Set.of("participant");
    private static final Set<String> PARTICIPANT_FIELDS = Set.of("name", "externalId", "avatarUrl");
    private static final Set<String> UPDATE_FIELDS = Set.of("name");
    static final int MAX_NAME_LENGTH = 256;

    private final Gates gates;
    private final SessionStore sessions;
    private final JsonResponses responses;
    private final ObjectMapper mapper;
    private final Clock clock;

    public SessionEndpoint(
            Gates gates, SessionStore sessions, JsonResponses responses, ObjectMapper mapper, Clock clock) {
        this.gates = gates;
        this.sessions = sessions;
        this.responses = responses;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/v1/sessions", this::open).patch("/v1/sessions/{id}", this::update);
    }

    private void open(ServerRequest request, ServerResponse response) {
        JwtTokens.Valid token = gates.requireBearer(request, JwtTokens.CLIENT_AUDIENCE, "a client access token");
        JsonFields body = JsonFields.of(RequestBody.jsonObject(request, mapper, true), OPEN_FIELDS);
        Optional<JsonFields> participant = body.object("participant", PARTICIPANT_FIELDS);
        Optional<String> declaredName =
                participant.flatMap(p -> p.string("name")).map(SessionEndpoint::name);
        Optional<String> declaredExternalId = participant.flatMap(p -> p.string("externalId"));
        Optional<String> declaredAvatar =
                participant.flatMap(p -> p.string("avatarUrl")).map(SessionEndpoint::avatarUrl);
        if (declaredExternalId.isPresent()
                && declaredExternalId.get().getBytes(StandardCharsets.UTF_8).length
                        > ClientAccessTokens.MAX_EXTERNAL_ID_BYTES) {
            throw Rejection.badRequest("external-id-too-long", "externalId is limited to 1024 UTF-8 bytes");
        }
        Session session;
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        Instant expiresAt = token.claims().getExpirationTime().toInstant();
        if (token.externalId().isPresent()) {
            if (participant.isPresent()) {
                LOG.info(
                        "session for {}: participant information in the request disregarded (identity from token)",
                        token.applicationId());
            }
            session = new Session(
                    id,
                    token.applicationId(),
                    token.externalId(),
                    Optional.empty(),
                    Optional.empty(),
                    Session.FROM_TOKEN,
                    token.scope(),
                    now,
                    expiresAt);
        } else {
            session = new Session(
                    id,
                    token.applicationId(),
                    declaredExternalId,
                    declaredName,
                    declaredAvatar,
                    Session.FROM_REQUEST,
                    token.scope(),
                    now,
                    expiresAt);
        }
        sessions.insert(session);
        responses.sendSecret(response, 201, describe(session));
    }

    private void update(ServerRequest request, ServerResponse response) {
        JwtTokens.Valid token = gates.requireBearer(request, JwtTokens.CLIENT_AUDIENCE, "a client access token");
        String id = request.path().pathParameters().get("id");
        Session session = sessions.find(id.length() > 64 ? "" : id)
                .filter(s -> s.applicationId().equals(token.applicationId()))
                .orElseThrow(() -> Rejection.of(404, "not-found", "no such session"));
        if (session.externalId().isPresent()
                && !session.externalId().equals(token.externalId())
                && session.identitySource().equals(Session.FROM_TOKEN)) {
            throw Rejection.of(403, "not-your-session", "the token identifies another participant");
        }
        if (!SessionScopes.allows(token.scope(), SessionScopes.SESSION_UPDATE)) {
            throw Rejection.of(
                    403,
                    "insufficient-scope",
                    "the client access token lacks the session scope " + SessionScopes.SESSION_UPDATE);
        }
        JsonFields body = JsonFields.of(RequestBody.jsonObject(request, mapper, false), UPDATE_FIELDS);
        String name = name(body.requiredString("name"));
        sessions.rename(session.id(), name);
        responses.send(response, 200, describe(sessions.find(session.id()).orElseThrow()));
    }

    private static String name(String name) {
        String stripped = name.strip();
        if (stripped.isEmpty()
                || stripped.length() > MAX_NAME_LENGTH
                || !stripped.codePoints().noneMatch(Character::isISOControl)) {
            throw Rejection.badRequest(
                    "invalid-name", "name must be 1 to " + MAX_NAME_LENGTH + " characters without control characters");
        }
        return stripped;
    }

    private static String avatarUrl(String url) {
        // Only absolute http(s) URLs: a javascript: or data: URL shown by a client would be an injection vector.
        boolean ok;
        try {
            java.net.URI uri = new java.net.URI(url);
            ok = uri.isAbsolute()
                    && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            ok = false;
        }
        if (!ok || url.length() > 2048) {
            throw Rejection.badRequest(
                    "invalid-value",
                    "participant.avatarUrl must be an http or https URL" + " of at most 2048 characters");
        }
        return url;
    }

    private static Map<String, Object> describe(Session session) {
        Map<String, Object> participant = new LinkedHashMap<>();
        session.externalId().ifPresent(id -> participant.put("externalId", id));
        session.name().ifPresent(name -> participant.put("name", name));
        session.avatarUrl().ifPresent(url -> participant.put("avatarUrl", url));
        participant.put("verified", session.identitySource().equals(Session.FROM_TOKEN));
        List<String> permissions = new ArrayList<>();
        for (String scope : SessionScopes.KNOWN) {
            if (SessionScopes.allows(session.scope(), scope)) {
                permissions.add(scope);
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sessionId", session.id());
        answer.put("applicationId", session.applicationId());
        answer.put("participant", participant);
        answer.put("permissions", permissions);
        answer.put("expiresAt", session.expiresAt().toString());
        return answer;
    }
}
