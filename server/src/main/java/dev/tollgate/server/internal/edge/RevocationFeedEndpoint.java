package dev.tollgate.server.internal.edge;

import dev.tollgate.server.internal.access.Gates;
import dev.tollgate.server.internal.http.Endpoint;
import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.http.FormEncoding;
import dev.tollgate.server.internal.http.JsonResponses;
import dev.tollgate.server.internal.http.Rejection;
import dev.tollgate.server.internal.http.RequestBody;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.ServerRequest;
import dev.tollgate.server.internal.http.ServerResponse;
import dev.tollgate.server.internal.revocations.Revocation;
import dev.tollgate.server.internal.revocations.Revocations;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/revocations/feed?since=N}: the revocation entries of every application changed after sequence
 * {@code N}, for an embedded edge that keeps the list in memory (the SDK's {@code RevocationFeedClient}) instead of
 * asking Tollgate at every decision. Edge credential, as {@code /v1/edge/authorize}: the edges' one credential, which
 * already sees every application's decisions.
 *
 * <p>Each entry comes with its {@code seq} and whether it is {@code active}: an entry withdrawn or ended comes again
 * with {@code active: false} and a newer sequence, so that a follower drops it. {@code sequence} is where to ask
 * from next; {@code more} says a page was full ({@value #PAGE} entries) and the next is ready at once. Stateless.
 */
final class RevocationFeedEndpoint implements Endpoint {
    static final int PAGE = 1_000;

    private final Gates gates;
    private final Revocations revocations;
    private final JsonResponses responses;
    private final Clock clock;

    RevocationFeedEndpoint(Gates gates, Revocations revocations, JsonResponses responses, Clock clock) {
        this.gates = gates;
        this.revocations = revocations;
        this.responses = responses;
        this.clock = clock;
    }

    @Override
    public void routes(Routes routes) {
        routes.get("/v1/revocations/feed", this::feed);
    }

    private void feed(ServerRequest request, ServerResponse response) {
        gates.requireEdge(request);
        long since = since(request);
        List<Revocation> changed = revocations.changedSince(since, PAGE + 1);
        List<Revocation> page = changed.subList(0, Math.min(changed.size(), PAGE));
        Instant now = clock.instant();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sequence", page.isEmpty() ? since : page.getLast().sequence());
        answer.put("more", changed.size() > PAGE);
        answer.put("entries", page.stream().map(entry -> entry(entry, now)).toList());
        responses.send(response, 200, answer);
    }

    private static Map<String, Object> entry(Revocation entry, Instant now) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("seq", entry.sequence());
        answer.put("id", entry.id());
        answer.put("applicationId", entry.applicationId());
        answer.put("kind", entry.kind().wireName());
        // A token's value is its grant digest or jti, never the token.
        answer.put("value", entry.value());
        entry.alias().ifPresent(alias -> answer.put("alias", alias));
        answer.put("endsAt", entry.endsAt().toString());
        answer.put("active", entry.activeAt(now));
        return answer;
    }

    /** The {@code since} parameter: a sequence number, 0 (everything) when absent. */
    private static long since(ServerRequest request) {
        String raw = request.rawQuery();
        long since = 0;
        boolean seen = false;
        if (raw == null || raw.isEmpty()) {
            return since;
        }
        for (FormEncoding.Field field : FormEncoding.fields(raw, ErrorCode.INVALID_PARAMETER, "the query string")) {
            if (!field.name().equals("since")) {
                throw Rejection.badRequest(
                        ErrorCode.UNKNOWN_PARAMETER,
                        "unknown parameter '" + RequestBody.printable(field.name()) + "'; allowed: since");
            }
            if (seen) {
                throw Rejection.badRequest(ErrorCode.DUPLICATE_PARAMETER, "the parameter 'since' is repeated");
            }
            seen = true;
            String value = field.value();
            if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw Rejection.badRequest(ErrorCode.INVALID_PARAMETER, "'since' must be a sequence number (0 or more)")
                        .logDetail("since " + RequestBody.printable(value));
            }
            since = Long.parseLong(value);
        }
        return since;
    }
}
