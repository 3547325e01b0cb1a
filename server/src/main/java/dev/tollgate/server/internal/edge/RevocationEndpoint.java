package dev.tollgate.server.internal.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.edge.Allowed;
import dev.tollgate.edge.Decision;
import dev.tollgate.edge.DenialCode;
import dev.tollgate.edge.Denied;
import dev.tollgate.edge.RevocationKind;
import dev.tollgate.server.internal.access.ApiScopes;
import dev.tollgate.server.internal.access.Credentials;
import dev.tollgate.server.internal.access.Gates;
import dev.tollgate.server.internal.applications.Applications;
import dev.tollgate.server.internal.decisions.EdgeDecisions;
import dev.tollgate.server.internal.http.Endpoint;
import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.http.FormEncoding;
import dev.tollgate.server.internal.http.JsonFields;
import dev.tollgate.server.internal.http.JsonResponses;
import dev.tollgate.server.internal.http.Rejection;
import dev.tollgate.server.internal.http.RequestBody;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.ServerRequest;
import dev.tollgate.server.internal.http.ServerResponse;
import dev.tollgate.server.internal.revocations.Revocation;
import dev.tollgate.server.internal.revocations.RevocationStore;
import dev.tollgate.server.internal.revocations.Revocations;
import dev.tollgate.token.Verified;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An application's revocation list under {@code /v1/revocations}: {@code POST} revokes ({@code {"kind":"token",
 * "token":"DIGEST:…"}} or a {@code tgr_} reference, or {@code {"kind":"tag|channel|room|session","value":"…",
 * "endsAt":"…"}}), 201 for a new entry and 200 with the active entry of the same match; {@code GET} lists the active
 * entries; {@code DELETE /{id}} withdraws one (204). A token's entry ends at the token's expiry; the others at {@code
 * endsAt}, by default after the DIGEST horizon ({@link Revocations#defaultEnd}). The token must be authentic and of
 * the calling application: another application's token is refused 403 {@code wrong-application}, so no application
 * can revoke another's. JWT kinds ({@code subject}, {@code issued-before}, a JWT's {@code jti}) are not taken yet.
 *
 * <p>Who may call is {@code ChannelEndpoint}'s rule: the application's Basic credentials, an API token holding {@link
 * ApiScopes#REVOCATIONS_MANAGE}, or the admin credential with {@code ?applicationId=}. Thread-safe.
 */
final class RevocationEndpoint implements Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(RevocationEndpoint.class);
    private static final Set<String> CREATE_FIELDS = Set.of("kind", "token", "value", "endsAt");
    private static final int MAX_VALUE_LENGTH = 512;
    private static final int MAX_LIST = 1_000;
    private static final char[] ID_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final Gates gates;
    private final Applications applications;
    private final EdgeDecisions decisions;
    private final JsonResponses responses;
    private final ObjectMapper mapper;
    private final SecureRandom random;
    private final Clock clock;

    RevocationEndpoint(
            Gates gates,
            Applications applications,
            EdgeDecisions decisions,
            JsonResponses responses,
            ObjectMapper mapper,
            SecureRandom random,
            Clock clock) {
        this.gates = gates;
        this.applications = applications;
        this.decisions = decisions;
        this.responses = responses;
        this.mapper = mapper;
        this.random = random;
        this.clock = clock;
    }

    @Override
    public void routes(Routes routes) {
        routes.post("/v1/revocations", this::create)
                .get("/v1/revocations", this::list)
                .delete("/v1/revocations/{id}", this::withdraw);
    }

    private void create(ServerRequest request, ServerResponse response) {
        String applicationId = caller(request);
        JsonFields body = JsonFields.of(RequestBody.jsonObject(request, mapper, false), CREATE_FIELDS);
        String kindName = body.requiredString("kind");
        RevocationKind kind = RevocationKind.fromWireName(kindName)
                .filter(k -> !k.jwtOnly())
                .orElseThrow(() -> Rejection.badRequest(
                        ErrorCode.INVALID_VALUE, "kind is one of token, tag, channel, room, session"));
        Instant now = clock.instant();
        String value;
        Instant endsAt;
        if (kind == RevocationKind.TOKEN) {
            if (body.has("value") || body.has("endsAt")) {
                throw Rejection.badRequest(
                        ErrorCode.INVALID_VALUE, "a token is revoked by 'token' alone; its entry ends at its expiry");
            }
            Verified token = authentic(body.requiredString("token"), now, applicationId);
            value = Revocations.grantDigest(token.applicationId(), token.claims());
            endsAt = token.claims().expiresAt();
        } else {
            if (body.has("token")) {
                throw Rejection.badRequest(ErrorCode.INVALID_VALUE, "'token' goes with the kind token only");
            }
            value = body.requiredString("value");
            if (value.isEmpty() || value.length() > MAX_VALUE_LENGTH || JsonFields.hasControl(value)) {
                throw Rejection.badRequest(
                        ErrorCode.INVALID_VALUE,
                        "value is 1 to " + MAX_VALUE_LENGTH + " characters without control characters");
            }
            endsAt = body.string("endsAt")
                    .map(text -> instant(text, now))
                    .orElseGet(() -> decisions.revocations().defaultEnd(kind, now));
        }
        RevocationStore.Created created = decisions
                .revocations()
                .revoke(new Revocation(id(), applicationId, kind, value, Optional.empty(), now, endsAt, 0));
        if (created.isNew()) {
            LOG.info(
                    "revocation {} ({}) created for application {}",
                    created.revocation().id(),
                    kind.wireName(),
                    applicationId);
        }
        responses.send(response, created.isNew() ? 201 : 200, describe(created.revocation()));
    }

    private void list(ServerRequest request, ServerResponse response) {
        String applicationId = caller(request);
        List<Revocation> found = decisions.revocations().listActive(applicationId, MAX_LIST + 1);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(
                "revocations",
                found.subList(0, Math.min(found.size(), MAX_LIST)).stream()
                        .map(RevocationEndpoint::describe)
                        .toList());
        answer.put("truncated", found.size() > MAX_LIST);
        responses.send(response, 200, answer);
    }

    private void withdraw(ServerRequest request, ServerResponse response) {
        String applicationId = caller(request);
        String id = request.pathParameter("id");
        if (id.isEmpty()
                || id.length() > 64
                || JsonFields.hasControl(id)
                || !decisions.revocations().withdraw(applicationId, id)) {
            throw Rejection.of(404, ErrorCode.NOT_FOUND, "no such active revocation")
                    .logDetail(RequestBody.printable(id));
        }
        LOG.info("revocation {} withdrawn", id);
        response.status(204).send(new byte[0]);
    }

    /** The token a revocation names, verified; an already revoked token is still authentic. */
    private Verified authentic(String presented, Instant now, String applicationId) {
        Decision decision = decisions.verify(presented, now);
        Optional<Verified> verified = Optional.empty();
        if (decision instanceof Allowed allowed) {
            verified = allowed.authentic();
        } else if (decision instanceof Denied denied && denied.code() == DenialCode.REVOKED) {
            verified = denied.authentic();
        }
        if (verified.isEmpty()) {
            throw Rejection.badRequest(
                            ErrorCode.INVALID_VALUE,
                            "the token is not an authentic, unexpired token (nothing to revoke: it is refused anyway)")
                    .logDetail(decision instanceof Denied denied ? denied.detail() : "");
        }
        if (!verified.get().applicationId().equals(applicationId)) {
            throw Rejection.of(403, ErrorCode.WRONG_APPLICATION, "the token belongs to another application");
        }
        return verified.get();
    }

    private static Instant instant(String text, Instant now) {
        try {
            Instant at = Instant.parse(text);
            if (!at.isAfter(now)) {
                throw Rejection.badRequest(ErrorCode.INVALID_VALUE, "endsAt must be in the future");
            }
            return at;
        } catch (DateTimeParseException e) {
            throw Rejection.badRequest(
                    ErrorCode.INVALID_VALUE, "endsAt is an ISO-8601 instant, e.g. 2026-12-01T10:00Z");
        }
    }

    private String id() {
        StringBuilder id = new StringBuilder("rev_");
        for (int i = 0; i < 22; i++) {
            id.append(ID_ALPHABET[random.nextInt(ID_ALPHABET.length)]);
        }
        return id.toString();
    }

    /** The application the call acts for; the same rule as {@code ChannelEndpoint}'s (to be shared in access). */
    private String caller(ServerRequest request) {
        boolean admin = gates.presentsAdmin(request);
        String caller = null;
        if (admin) {
            gates.requireAdmin(request);
        } else if (Credentials.of(request) instanceof Credentials.Bearer) {
            caller =
                    gates.requireApiScope(request, ApiScopes.REVOCATIONS_MANAGE).applicationId();
        } else {
            caller = gates.requireApplication(request).id();
        }
        Optional<String> named = applicationParameter(request);
        if (admin) {
            String applicationId = named.orElseThrow(() -> Rejection.badRequest(
                    ErrorCode.MISSING_PARAMETER, "applicationId is required with the admin credential"));
            if (applicationId.length() > 64
                    || JsonFields.hasControl(applicationId)
                    || applications.find(applicationId).isEmpty()) {
                throw Rejection.of(404, ErrorCode.NOT_FOUND, "no such application");
            }
            return applicationId;
        }
        if (named.isPresent() && !named.get().equals(caller)) {
            throw Rejection.of(403, ErrorCode.WRONG_APPLICATION, "the credentials belong to another application");
        }
        return caller;
    }

    private static Optional<String> applicationParameter(ServerRequest request) {
        String raw = request.rawQuery();
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> found = Optional.empty();
        for (FormEncoding.Field field : FormEncoding.fields(raw, ErrorCode.INVALID_PARAMETER, "the query string")) {
            if (!field.name().equals("applicationId")) {
                throw Rejection.badRequest(
                        ErrorCode.UNKNOWN_PARAMETER,
                        "unknown parameter '" + RequestBody.printable(field.name()) + "'; allowed: applicationId");
            }
            if (found.isPresent()) {
                throw Rejection.badRequest(ErrorCode.DUPLICATE_PARAMETER, "the parameter 'applicationId' is repeated");
            }
            found = Optional.of(field.value());
        }
        return found;
    }

    private static Map<String, Object> describe(Revocation entry) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", entry.id());
        answer.put("applicationId", entry.applicationId());
        answer.put("kind", entry.kind().wireName());
        // A token's value is its grant digest, not the token: safe to show.
        answer.put("value", entry.value());
        answer.put("createdAt", entry.createdAt().toString());
        answer.put("endsAt", entry.endsAt().toString());
        return answer;
    }
}
