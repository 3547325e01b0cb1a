package dev.tollgate.server.internal.hooks;

import dev.tollgate.edge.Action;
import dev.tollgate.server.internal.http.Endpoint;
import dev.tollgate.server.internal.http.Rejection;
import dev.tollgate.server.internal.http.RequestBody;
import dev.tollgate.server.internal.http.Routes;
import dev.tollgate.server.internal.http.ServerRequest;
import dev.tollgate.server.internal.http.ServerResponse;
import java.util.Objects;

/**
 * nginx-rtmp's notify hooks, {@code POST /hooks/nginx-rtmp/{publish,play,update,done,publish_done,play_done}}:
 * HTTP/1.0 form posts ({@link NginxRtmpForm}), answered in nginx-rtmp's dialect: any 2xx allows (204 here), any other
 * status refuses; a refusal is the gate's 401 or 403 with {@code {"code","message"}}, and the code is in the log.
 *
 * <p>Mapping (docs/media-servers.md): the application is the hook URL's {@code application=} or else the RTMP {@code
 * app}; the stream {@code name} is a channel alias or ID, or a room's with {@code kind=room}; the token is the
 * client's {@code token=} (a {@code tgr_} reference works), the client address nginx's {@code addr}, a session-bound
 * token's session the client's {@code session=}.
 *
 * <p>The connection key is {@code <node>/<app>/<clientid>}: nginx-rtmp numbers connections per process from 1, so
 * the clientid alone collides between two nginx servers, and between one nginx before and after a restart. The node
 * is the hook URL's {@code node=} or else the address nginx calls from. A play or publish first ends a session still
 * open under its key (left by an nginx that restarted without reporting its connections' end): the key now names a
 * new connection.
 *
 * <p>{@code update} keeps the session alive while it is open, past the token's expiry (the seed: the user may watch
 * until the stream stops); a refused update ({@code 403 unknown-session}) makes nginx drop the client. The three
 * {@code done} calls end the usage session, answer 204 whether or not one was open, and may repeat (nginx sends both
 * {@code done} and {@code play_done} for one play). Thread-safe.
 */
final class NginxRtmpHook implements Endpoint {
    static final String MEDIA_SERVER = "nginx-rtmp";

    private final StreamGate gate;

    NginxRtmpHook(StreamGate gate) {
        this.gate = Objects.requireNonNull(gate, "gate");
    }

    @Override
    public void routes(Routes routes) {
        routes.post("/hooks/nginx-rtmp/publish", (request, response) -> admit(Action.PUBLISH, request, response));
        routes.post("/hooks/nginx-rtmp/play", (request, response) -> admit(Action.SUBSCRIBE, request, response));
        routes.post("/hooks/nginx-rtmp/update", this::update);
        routes.post("/hooks/nginx-rtmp/done", this::done);
        routes.post("/hooks/nginx-rtmp/publish_done", this::done);
        routes.post("/hooks/nginx-rtmp/play_done", this::done);
    }

    private void admit(Action action, ServerRequest request, ServerResponse response) {
        HookQuery hook = HookQuery.parse(request.rawQuery(), 400);
        NginxRtmpForm form = NginxRtmpForm.parse(RequestBody.read(request));
        String app = form.required("app");
        String name = form.required("name");
        String clientKey = clientKey(hook, request, form);
        gate.end(MEDIA_SERVER, clientKey);
        StreamCall call = new StreamCall(
                MEDIA_SERVER,
                clientKey,
                action,
                hook.application().orElse(app),
                hook.kind(),
                name,
                form.value("token"),
                form.value("addr"),
                form.value("session"));
        switch (gate.admit(call)) {
            case Admission.Admitted admitted -> allow(response);
            case Admission.Refused refused -> throw refusal(refused, call);
        }
    }

    private void update(ServerRequest request, ServerResponse response) {
        HookQuery hook = HookQuery.parse(request.rawQuery(), 400);
        NginxRtmpForm form = NginxRtmpForm.parse(RequestBody.read(request));
        String clientKey = clientKey(hook, request, form);
        gate.keepAlive(MEDIA_SERVER, clientKey).ifPresent(refused -> {
            throw refused.rejection("the session is not open");
        });
        allow(response);
    }

    private void done(ServerRequest request, ServerResponse response) {
        HookQuery hook = HookQuery.parse(request.rawQuery(), 400);
        NginxRtmpForm form = NginxRtmpForm.parse(RequestBody.read(request));
        gate.end(MEDIA_SERVER, clientKey(hook, request, form));
        allow(response);
    }

    /** {@code <node>/<app>/<clientid>}; see the class comment. */
    static String clientKey(HookQuery hook, ServerRequest request, NginxRtmpForm form) {
        String node = hook.node().orElseGet(request::remoteAddress);
        return node + "/" + form.required("app") + "/" + form.required("clientid");
    }

    private static void allow(ServerResponse response) {
        response.status(204).send(new byte[0]);
    }

    /** The gate's status and code; its detail, which may name the channel and the rule, goes to the log only. */
    private static Rejection refusal(Admission.Refused refused, StreamCall call) {
        return refused.rejection("the " + verb(call.action()) + " is refused: " + refused.code())
                .logDetail(call.applicationId() + "/" + call.name() + " client " + call.clientKey() + ": "
                        + refused.detail());
    }

    private static String verb(Action action) {
        return action == Action.PUBLISH ? "publish" : "play";
    }
}
