package dev.tollgate.server.internal.sessions;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.server.internal.access.SessionScopes;
import dev.tollgate.server.internal.http.Endpoint;
import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.http.JsonFields;
import dev.tollgate.server.internal.http.JsonResponses;
import dev.tollgate.server.internal.http.Rejection;
import dev.tollgate.server.internal.http.RequestBody;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.ServerRequest;
import dev.tollgate.server.internal.http.ServerResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code POST /v1/sessions/{id}/conferences}: a session creates a conference, a room its application owns. Needs the
 * session scope {@code conf:create} in the session and its token, from the session's own opener ({@link
 * SessionAccess}). Body (optional) {@code {"alias":"…"}}: the alias is unique within the application (409 {@code
 * conference-alias-taken}). Answer {@code 201 {"conferenceId","applicationId","alias","createdBy","createdAt"}}; the
 * {@code conference.created} event is written with it.
 *
 * <p>Thread-safe.
 */
final class ConferenceEndpoint implements Endpoint {
    static final int MAX_ALIAS_LENGTH = 256;
    private static final Set<String> FIELDS = Set.of("alias");

    private final SessionAccess access;
    private final ConferenceStore conferences;
    private final JsonResponses responses;
    private final ObjectMapper mapper;
    private final Clock clock;

    ConferenceEndpoint(
            SessionAccess access,
            ConferenceStore conferences,
            JsonResponses responses,
            ObjectMapper mapper,
            Clock clock) {
        this.access = access;
        this.conferences = conferences;
        this.responses = responses;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public void routes(Routes routes) {
        routes.post("/v1/sessions/{id}/conferences", this::create);
    }

    private void create(ServerRequest request, ServerResponse response) {
        Session session = access.require(request, SessionScopes.CONF_CREATE);
        JsonFields body = JsonFields.of(RequestBody.jsonObject(request, mapper, true), FIELDS);
        Optional<String> alias = body.string("alias").map(ConferenceEndpoint::alias);
        Conference conference = new Conference(
                UUID.randomUUID().toString(), session.applicationId(), alias, session.id(), clock.instant());
        switch (conferences.create(conference)) {
            case ConferenceStore.Stored stored -> responses.send(response, 201, describe(stored.conference()));
            case ConferenceStore.AliasTaken taken ->
                throw Rejection.of(
                        409,
                        ErrorCode.CONFERENCE_ALIAS_TAKEN,
                        "the application already has a conference with this alias");
        }
    }

    /** An alias is an identifier users type and share in links: no control characters, no surrounding spaces. */
    private static String alias(String alias) {
        if (alias.isEmpty()
                || alias.length() > MAX_ALIAS_LENGTH
                || !alias.strip().equals(alias)
                || alias.codePoints().anyMatch(Character::isISOControl)) {
            throw Rejection.badRequest(
                    ErrorCode.INVALID_ALIAS,
                    "alias must be 1 to " + MAX_ALIAS_LENGTH
                            + " characters without control characters or surrounding spaces");
        }
        return alias;
    }

    private static Map<String, Object> describe(Conference conference) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("conferenceId", conference.id());
        answer.put("applicationId", conference.applicationId());
        conference.alias().ifPresent(alias -> answer.put("alias", alias));
        answer.put("createdBy", conference.createdBy());
        answer.put("createdAt", conference.createdAt().toString());
        return answer;
    }
}
