package dev.tollgate.server.internal.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.tollgate.edge.Allowed;
import dev.tollgate.edge.Decision;
import dev.tollgate.edge.DenialCode;
import dev.tollgate.edge.Denied;
import dev.tollgate.edge.RevocationKind;
import dev.tollgate.server.internal.access.ApiScopes;
import dev.tollgate.server.internal.access.Gates;
import dev.tollgate.server.internal.decisions.EdgeDecisions;
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
import dev.tollgate.server.internal.registry.Channel;
import dev.tollgate.server.internal.registry.Channels;
import dev.tollgate.server.internal.revocations.Revocation;
import dev.tollgate.server.internal.revocations.RevocationStore;
import dev.tollgate.server.internal.revocations.Revocations;
import dev.tollgate.token.Verified;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An application's revocation list under {@code /v1/revocations}: {@code POST} revokes ({@code {"kind":"token",
 * "token":"…"}} with a DIGEST token, a {@code tgr_} reference or one of our JWTs, or {@code
 * {"kind":"tag|channel|room|session|subject|issued-before","value":"…","endsAt":"…"}}), 201 for a new entry and 200
 * with the active entry of the same match; {@code GET} lists the active entries; {@code DELETE /{id}} withdraws one
 * (204). A token's entry ends at the token's expiry; the others at {@code endsAt}, by default 24 h for the JWT-only
 * kinds and the DIGEST horizon for the others ({@link Revocations#defaultEnd}). The token must be authentic and of the
 * calling application: another application's token is refused 403 {@code wrong-application}, so no application can
 * revoke another's; no entry holds a token (a grant digest or a {@code jti}).
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
    private final EdgeDecisions decisions;
    private final JwtTokens jwts;
    private final Channels channels;
    private final JsonResponses responses;
    private final ObjectMapper mapper;
    private final SecureRandom random;
    private final Clock clock;

    RevocationEndpoint(
            Gates gates,
            EdgeDecisions decisions,
            JwtTokens jwts,
            Channels channels,
            JsonResponses responses,
            ObjectMapper mapper,
            SecureRandom random,
            Clock clock) {
        this.gates = gates;
        this.decisions = decisions;
        this.jwts = jwts;
        this.channels = channels;
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
                .orElseThrow(() -> Rejection.badRequest(
                        ErrorCode.INVALID_VALUE,
                        "kind is one of token, tag, channel, room, session, subject, issued-before"));
        // The store keeps milliseconds: the answer to a create says what a later list says.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Revocation entry = kind == RevocationKind.TOKEN
                ? tokenEntry(body, applicationId, now)
                : matchEntry(body, kind, applicationId, now);
        RevocationStore.Created created = decisions.revocations().revoke(entry);
        if (created.isNew()) {
            LOG.info(
                    "revocation {} ({}) created for application {}",
                    created.revocation().id(),
                    kind.wireName(),
                    applicationId);
        }
        responses.send(response, created.isNew() ? 201 : 200, describe(created.revocation()));
    }

    /** One token: a DIGEST token or its reference by the grant digest, a JWT of ours by its jti; ends at its expiry. */
    private Revocation tokenEntry(JsonFields body, String applicationId, Instant now) {
        if (body.has("value") || body.has("endsAt")) {
            throw Rejection.badRequest(
                    ErrorCode.INVALID_VALUE, "a token is revoked by 'token' alone; its entry ends at its expiry");
        }
        String presented = body.requiredString("token");
        String value;
        Instant endsAt;
        if (looksLikeJwt(presented)) {
            JWTClaimsSet claims = authenticJwt(presented, applicationId);
            value = "jti:" + claims.getJWTID();
            endsAt = claims.getExpirationTime().toInstant();
        } else {
            Verified token = authentic(presented, now, applicationId);
            value = Revocations.grantDigest(token.applicationId(), token.claims());
            endsAt = token.claims().expiresAt();
        }
        return new Revocation(id(), applicationId, RevocationKind.TOKEN, value, Optional.empty(), now, endsAt, 0);
    }

    /** Every token matching a tag, channel, room, session, subject or iat watermark, until endsAt or the default. */
    private Revocation matchEntry(JsonFields body, RevocationKind kind, String applicationId, Instant now) {
        if (body.has("token")) {
            throw Rejection.badRequest(ErrorCode.INVALID_VALUE, "'token' goes with the kind token only");
        }
        Optional<String> alias = Optional.empty();
        String value;
        if (kind == RevocationKind.ISSUED_BEFORE) {
            // The watermark: every JWT issued before it. Later ones are the ones issued after the incident.
            Instant watermark =
                    body.string("value").map(text -> instant("value", text)).orElse(now);
            if (watermark.isAfter(now)) {
                throw Rejection.badRequest(
                        ErrorCode.INVALID_VALUE, "value (the issued-before watermark) must not be in the future");
            }
            value = Long.toString(watermark.toEpochMilli());
        } else {
            value = body.requiredString("value");
            int max = kind == RevocationKind.SUBJECT ? JwtTokens.MAX_EXTERNAL_ID_BYTES : MAX_VALUE_LENGTH;
            int length =
                    kind == RevocationKind.SUBJECT ? value.getBytes(StandardCharsets.UTF_8).length : value.length();
            if (value.isEmpty() || length > max || JsonFields.hasControl(value)) {
                throw Rejection.badRequest(
                        ErrorCode.INVALID_VALUE,
                        "value is 1 to " + max + (kind == RevocationKind.SUBJECT ? " UTF-8 bytes" : " characters")
                                + " without control characters");
            }
            if (kind == RevocationKind.SUBJECT) {
                value = Revocations.subjectValue(value);
            } else if (kind == RevocationKind.CHANNEL || kind == RevocationKind.ROOM) {
                // A registered channel by ID or alias is stored by its ID with its alias, so that a token designating
                // either matches; an unregistered name is matched as the designation writes it.
                Optional<Channel> registered = channels.find(
                        applicationId,
                        kind == RevocationKind.CHANNEL ? Channel.Kind.CHANNEL : Channel.Kind.ROOM,
                        value);
                if (registered.isPresent()) {
                    value = registered.get().id();
                    alias = Optional.of(registered.get().alias());
                }
            }
        }
        Instant endsAt = body.string("endsAt")
                .map(text -> instant("endsAt", text).truncatedTo(ChronoUnit.MILLIS))
                .orElseGet(() -> decisions.revocations().defaultEnd(kind, now));
        if (!endsAt.isAfter(now)) {
            throw Rejection.badRequest(ErrorCode.INVALID_VALUE, "endsAt must be in the future");
        }
        return new Revocation(id(), applicationId, kind, value, alias, now, endsAt, 0);
    }

    /** A JWT has three base64url parts; neither a DIGEST token nor a tgr_ reference has a dot. */
    private static boolean looksLikeJwt(String presented) {
        return presented.chars().filter(c -> c == '.').count() == 2;
    }

    /** An API token or client access token this server signed, unexpired and of the calling application. */
    private JWTClaimsSet authenticJwt(String presented, String applicationId) {
        JwtTokens.Check check = jwts.verify(presented, JwtTokens.API_AUDIENCE);
        if (check instanceof JwtTokens.Invalid invalid && invalid.code().equals("wrong-audience")) {
            check = jwts.verify(presented, JwtTokens.CLIENT_AUDIENCE);
        }
        return switch (check) {
            case JwtTokens.Invalid invalid ->
                throw Rejection.badRequest(
                                ErrorCode.INVALID_VALUE,
                                "the token is not an authentic, unexpired token of this server (" + invalid.code()
                                        + "); nothing to revoke: it is refused anyway")
                        .logDetail(invalid.detail());
            case JwtTokens.Valid valid -> {
                if (!valid.applicationId().equals(applicationId)) {
                    throw Rejection.of(403, ErrorCode.WRONG_APPLICATION, "the token belongs to another application");
                }
                if (valid.claims().getJWTID() == null || valid.claims().getExpirationTime() == null) {
                    throw Rejection.badRequest(ErrorCode.INVALID_VALUE, "the token has no jti or exp to revoke it by");
                }
                yield valid.claims();
            }
        };
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
        } else if (decision instanceof Denied denied
                && (denied.code() == DenialCode.REVOKED || denied.code() == DenialCode.REVOCATIONS_UNAVAILABLE)) {
            // Authentic all the same: revoking it again gives its entry back; a stale list does not stop a revocation.
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

    private static Instant instant(String field, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw Rejection.badRequest(
                    ErrorCode.INVALID_VALUE, field + " is an ISO-8601 instant, e.g. 2026-12-01T10:00:00Z");
        }
    }

    private String id() {
        StringBuilder id = new StringBuilder("rev_");
        for (int i = 0; i < 22; i++) {
            id.append(ID_ALPHABET[random.nextInt(ID_ALPHABET.length)]);
        }
        return id.toString();
    }

    /** The application the call acts for: {@link Gates#actingApplication}. */
    private String caller(ServerRequest request) {
        return gates.actingApplication(request, ApiScopes.REVOCATIONS_MANAGE);
    }

    private static Map<String, Object> describe(Revocation entry) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", entry.id());
        answer.put("applicationId", entry.applicationId());
        answer.put("kind", entry.kind().wireName());
        // A token's value is its grant digest, not the token: safe to show.
        answer.put("value", entry.value());
        entry.alias().ifPresent(alias -> answer.put("alias", alias));
        answer.put("createdAt", entry.createdAt().toString());
        answer.put("endsAt", entry.endsAt().toString());
        return answer;
    }
}
