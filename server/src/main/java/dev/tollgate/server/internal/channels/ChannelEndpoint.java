package dev.tollgate.server.internal.channels;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.server.internal.access.ApiScopes;
import dev.tollgate.server.internal.access.Gates;
import dev.tollgate.server.internal.http.Endpoint;
import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.http.JsonFields;
import dev.tollgate.server.internal.http.JsonResponses;
import dev.tollgate.server.internal.http.Rejection;
import dev.tollgate.server.internal.http.RequestBody;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.ServerRequest;
import dev.tollgate.server.internal.http.ServerResponse;
import dev.tollgate.server.internal.registry.Channel;
import dev.tollgate.server.internal.registry.Channels;
import dev.tollgate.server.internal.registry.OriginStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channels (or rooms) of an application under {@code /v1/channels} (or {@code /v1/rooms}): {@code POST} creates
 * one from {@code {"alias":"news"}} (201), {@code GET} lists them, {@code GET /{id}} shows one by ID or alias with its
 * live origin streams, {@code GET /{id}/streams} lists its streams, live and ended, {@code DELETE /{id}} deletes it and
 * its streams (204). An ID holds {@code #}, which a client sends as {@code %23}; the router decodes the path first.
 *
 * <p>Who may call: the application with its Basic credentials, an API token of the application holding {@link
 * ApiScopes#CHANNELS_MANAGE}, or the admin credential for any application named by {@code ?applicationId=}. The
 * application's own credentials may name their application there too, but no other (403 {@code wrong-application}).
 *
 * <p>Thread-safe.
 */
final class ChannelEndpoint implements Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelEndpoint.class);
    private static final Set<String> CREATE_FIELDS = Set.of("alias");
    /** Longer than any ID ({@code V10__channels.sql}): such a path names nothing, before any lookup. */
    private static final int MAX_ID_LENGTH = 256;

    private final Channel.Kind kind;
    private final String path;
    private final String plural;
    private final Gates gates;
    private final Channels channels;
    private final JsonResponses responses;
    private final ObjectMapper mapper;

    ChannelEndpoint(Channel.Kind kind, Gates gates, Channels channels, JsonResponses responses, ObjectMapper mapper) {
        this.kind = kind;
        this.plural = kind.wireName() + "s";
        this.path = "/v1/" + plural;
        this.gates = gates;
        this.channels = channels;
        this.responses = responses;
        this.mapper = mapper;
    }

    @Override
    public void routes(Routes routes) {
        routes.post(path, this::create)
                .get(path, this::list)
                .get(path + "/{id}", this::show)
                .delete(path + "/{id}", this::delete)
                .get(path + "/{id}/streams", this::streams);
    }

    private void create(ServerRequest request, ServerResponse response) {
        String applicationId = caller(request);
        JsonFields body = JsonFields.of(RequestBody.jsonObject(request, mapper, false), CREATE_FIELDS);
        String alias = body.requiredString("alias");
        if (!Channels.validAlias(alias)) {
            throw Rejection.badRequest(
                    ErrorCode.INVALID_ALIAS,
                    "an alias is 1 to " + Channels.MAX_ALIAS_LENGTH
                            + " characters of A-Z, a-z, 0-9, '.', '_' and '-' (it travels unencoded in RTMP stream"
                            + " names and URLs)");
        }
        Channel channel = switch (channels.create(applicationId, kind, alias)) {
            case Channels.Created created -> created.channel();
            case Channels.AliasTaken taken ->
                throw Rejection.of(
                                409,
                                ErrorCode.ALIAS_TAKEN,
                                "the application already has a " + kind.wireName() + " with this alias")
                        .logDetail(applicationId + " " + kind.wireName() + " " + taken.alias());
        };
        LOG.info("{} {} created for application {}", kind.wireName(), channel.id(), applicationId);
        responses.send(response, 201, describe(channel));
    }

    private void list(ServerRequest request, ServerResponse response) {
        String applicationId = caller(request);
        List<Channel> found = channels.list(applicationId, kind, Channels.MAX_LIST + 1);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(
                plural,
                found.subList(0, Math.min(found.size(), Channels.MAX_LIST)).stream()
                        .map(ChannelEndpoint::describe)
                        .toList());
        answer.put("truncated", found.size() > Channels.MAX_LIST);
        responses.send(response, 200, answer);
    }

    private void show(ServerRequest request, ServerResponse response) {
        Channel channel = named(request, caller(request));
        Map<String, Object> answer = describe(channel);
        // The stream IDs a customer names in forOriginStream tokens (originStreamId).
        answer.put(
                "liveStreams",
                channels.liveStreams(channel).stream()
                        .map(ChannelEndpoint::describe)
                        .toList());
        responses.send(response, 200, answer);
    }

    private void streams(ServerRequest request, ServerResponse response) {
        Channel channel = named(request, caller(request));
        List<OriginStream> found = channels.streams(channel, Channels.MAX_LIST + 1);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", channel.id());
        answer.put(
                "streams",
                found.subList(0, Math.min(found.size(), Channels.MAX_LIST)).stream()
                        .map(ChannelEndpoint::describe)
                        .toList());
        answer.put("truncated", found.size() > Channels.MAX_LIST);
        responses.send(response, 200, answer);
    }

    private void delete(ServerRequest request, ServerResponse response) {
        String applicationId = caller(request);
        Channel channel = named(request, applicationId);
        if (!channels.delete(applicationId, kind, channel.id())) {
            // Deleted by another request since the lookup: the same answer as if it had never been.
            throw notFound(channel.id());
        }
        LOG.info("{} {} deleted", kind.wireName(), channel.id());
        response.status(204).send(new byte[0]);
    }

    /** The application the call acts for: {@link Gates#actingApplication}. */
    private String caller(ServerRequest request) {
        return gates.actingApplication(request, ApiScopes.CHANNELS_MANAGE);
    }

    /** The channel {@code {id}} names, by ID or alias, among the application's; 404 otherwise. */
    private Channel named(ServerRequest request, String applicationId) {
        String id = request.pathParameter("id");
        // No ID or alias holds a control character; PostgreSQL would refuse U+0000 in the lookup with a 500.
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH || JsonFields.hasControl(id)) {
            throw notFound(RequestBody.printable(id));
        }
        return channels.find(applicationId, kind, id).orElseThrow(() -> notFound(id));
    }

    private Rejection notFound(String id) {
        return Rejection.of(404, ErrorCode.NOT_FOUND, "no such " + kind.wireName())
                .logDetail(id);
    }

    private static Map<String, Object> describe(Channel channel) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", channel.id());
        answer.put("alias", channel.alias());
        answer.put("kind", channel.kind().wireName());
        answer.put("applicationId", channel.applicationId());
        answer.put("createdAt", channel.createdAt().toString());
        return answer;
    }

    private static Map<String, Object> describe(OriginStream stream) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", stream.id());
        answer.put("startedAt", stream.startedAt().toString());
        answer.put("endedAt", stream.endedAt().map(Object::toString).orElse(null));
        answer.put("live", stream.isLive());
        return answer;
    }
}
