package dev.tollgate.server.internal.sessions;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.edge.AccessRequest;
import dev.tollgate.edge.Action;
import dev.tollgate.edge.Allowed;
import dev.tollgate.edge.Denied;
import dev.tollgate.server.internal.access.Credentials;
import dev.tollgate.server.internal.access.Gates;
import dev.tollgate.server.internal.access.SessionScopes;
import dev.tollgate.server.internal.decisions.EdgeDecisions;
import dev.tollgate.server.internal.decisions.Refusals;
import dev.tollgate.server.internal.http.Endpoint;
import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.http.JsonFields;
import dev.tollgate.server.internal.http.JsonResponses;
import dev.tollgate.server.internal.http.Rejection;
import dev.tollgate.server.internal.http.RequestBody;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.ServerRequest;
import dev.tollgate.server.internal.http.ServerResponse;
import dev.tollgate.server.internal.keys.JwtTokens;
import dev.tollgate.server.internal.refs.TokenRef;
import dev.tollgate.server.internal.usage.UsageEvent;
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
 * /v1/sessions/{id}} changes the participant name; only the session's opener may, and only when the session and the
 * token both hold {@code session:update} ({@link SessionAccess}). An
 * EdgeAuth auth or edge token ({@code Bearer DIGEST:...}) opens a session when the edge policy lets it authenticate.
 *
 * <p>Thread-safe.
 */
final class SessionEndpoint implements Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(SessionEndpoint.class);
    private static final Set<String> OPEN_FIELDS = Set.of("participant");
    private static final Set<String> PARTICIPANT_FIELDS = Set.of("name", "externalId", "avatarUrl");
    private static final Set<String> UPDATE_FIELDS = Set.of("name");
    static final int MAX_NAME_LENGTH = 256;

    private final Gates gates;
    private final EdgeDecisions decisions;
    private final SessionStore sessions;
    private final SessionAccess access;
    private final JsonResponses responses;
    private final ObjectMapper mapper;
    private final Clock clock;

    SessionEndpoint(
            Gates gates,
            EdgeDecisions decisions,
            SessionAccess access,
            SessionStore sessions,
            JsonResponses responses,
            ObjectMapper mapper,
            Clock clock) {
        this.gates = gates;
        this.decisions = decisions;
        this.sessions = sessions;
        this.access = access;
        this.responses = responses;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public void routes(Routes routes) {
        routes.post("/v1/sessions", this::open).patch("/v1/sessions/{id}", this::update);
    }

    /** Who opens the session, as established by the token. */
    private record Opener(
            String applicationId,
            Optional<String> externalId,
            String scope,
            Instant expiresAt,
            List<String> tags,
            String identity) {}

    private void open(ServerRequest request, ServerResponse response) {
        Opener opener = Credentials.of(request) instanceof Credentials.Bearer bearer
                        && (bearer.token().startsWith("DIGEST:") || TokenRef.isReference(bearer.token()))
                ? edgeAuth(request, bearer.token())
                : clientAccess(request);
        JsonFields body = JsonFields.of(RequestBody.jsonObject(request, mapper, true), OPEN_FIELDS);
        Optional<JsonFields> participant = body.object("participant", PARTICIPANT_FIELDS);
        Optional<String> declaredName =
                participant.flatMap(p -> p.string("name")).map(SessionEndpoint::name);
        Optional<String> declaredExternalId = participant.flatMap(p -> p.string("externalId"));
        Optional<String> declaredAvatar =
                participant.flatMap(p -> p.string("avatarUrl")).map(SessionEndpoint::avatarUrl);
        if (declaredExternalId.isPresent()
                && declaredExternalId.get().getBytes(StandardCharsets.UTF_8).length > JwtTokens.MAX_EXTERNAL_ID_BYTES) {
            throw Rejection.badRequest(ErrorCode.EXTERNAL_ID_TOO_LONG, "externalId is limited to 1024 UTF-8 bytes");
        }
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        Session session;
        if (opener.externalId().isPresent()) {
            if (participant.isPresent()) {
                LOG.info(
                        "session for {}: participant information in the request disregarded (identity from token)",
                        opener.applicationId());
            }
            session = new Session(
                    id,
                    opener.applicationId(),
                    opener.externalId(),
                    Optional.empty(),
                    Optional.empty(),
                    opener.tags(),
                    Session.FROM_TOKEN,
                    opener.scope(),
                    opener.identity(),
                    now,
                    opener.expiresAt());
        } else {
            session = new Session(
                    id,
                    opener.applicationId(),
                    declaredExternalId,
                    declaredName,
                    declaredAvatar,
                    opener.tags(),
                    Session.FROM_REQUEST,
                    opener.scope(),
                    opener.identity(),
                    now,
                    opener.expiresAt());
        }
        // One transaction, failing closed: a store that cannot record answers 503 store-unavailable (or 500), and
        // leaves neither an unrecorded session nor a usage event for a session that does not exist.
        sessions.insert(session, opened(session));
        responses.sendSecret(response, 201, describe(session));
    }

    private Opener clientAccess(ServerRequest request) {
        JwtTokens.Valid token = gates.requireBearer(
                request, JwtTokens.CLIENT_AUDIENCE, "a client access token or an EdgeAuth auth/edge token");
        return new Opener(
                token.applicationId(),
                token.externalId(),
                token.scope(),
                token.claims().getExpirationTime().toInstant(),
                List.of(),
                SessionAccess.opener(token));
    }

    /**
     * An EdgeAuth token (or its {@code tgr_} reference) opens a session when the edge decision lets it authenticate
     * (an edgeToken or authToken, not expired, its remoteAddress and location constraints met). The session belongs to
     * the token's application; nothing names another owner, so the trace says the application rule was not checked.
     * It carries no participant identity and no session scope; its applyTags are attached to the session for usage
     * reports (seed "Using EdgeAuth"). A refusal answers as every edge refusal does ({@link Refusals}).
     */
    private Opener edgeAuth(ServerRequest request, String presented) {
        AccessRequest.Builder access = AccessRequest.builder().authenticate().time(clock.instant());
        try {
            access.remoteAddress(Credentials.clientAddress(request));
        } catch (IllegalArgumentException e) {
            // No usable peer address: a token limited to an address is then refused by the policy, as it should be.
        }
        return switch (decisions.decide(presented, access.build())) {
            case Allowed allowed ->
                new Opener(
                        allowed.applicationId(),
                        Optional.empty(),
                        "",
                        allowed.claims().expiresAt(),
                        allowed.applyTags(),
                        SessionAccess.EDGE_TOKEN_OPENER);
            case Denied denied -> throw Refusals.of(denied, "the EdgeAuth token may not open a session");
        };
    }

    private void update(ServerRequest request, ServerResponse response) {
        Session session = access.require(request, SessionScopes.SESSION_UPDATE);
        JsonFields body = JsonFields.of(RequestBody.jsonObject(request, mapper, false), UPDATE_FIELDS);
        String name = name(body.requiredString("name"));
        sessions.rename(session, name, clock.instant());
        responses.send(response, 200, describe(sessions.find(session.id()).orElseThrow()));
    }

    private static String name(String name) {
        String stripped = name.strip();
        if (stripped.isEmpty()
                || stripped.length() > MAX_NAME_LENGTH
                || !stripped.codePoints().noneMatch(Character::isISOControl)) {
            throw Rejection.badRequest(
                    ErrorCode.INVALID_NAME,
                    "name must be 1 to " + MAX_NAME_LENGTH + " characters without control characters");
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
                    ErrorCode.INVALID_VALUE,
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
        if (!session.tags().isEmpty()) {
            answer.put("tags", session.tags());
        }
        answer.put("expiresAt", session.expiresAt().toString());
        return answer;
    }

    /** A session was opened ({@code POST /v1/sessions}); client access tokens carry no tags. */
    private static UsageEvent opened(Session session) {
        return new UsageEvent(
                UUID.randomUUID().toString(),
                session.applicationId(),
                Action.AUTHENTICATE,
                "session",
                Optional.of(session.id()),
                session.createdAt(),
                session.tags());
    }
}
