package dev.tollgate.server.internal.hooks;

import dev.tollgate.edge.Action;
import dev.tollgate.server.internal.http.Rejection;

/**
 * The gate's refusal as the rejection a hook throws: its status and code for the media server (which logs them), the
 * detail, which may name the channel and the rule, for Tollgate's log only. Stateless.
 */
final class Refusal {
    private Refusal() {}

    static Rejection of(Admission.Refused refused, StreamCall call) {
        String verb = call.action() == Action.PUBLISH ? "publish" : "play";
        return refused.rejection("the " + verb + " is refused: " + refused.code())
                .logDetail(call.mediaServer() + " " + call.applicationId() + "/" + call.name() + " client "
                        + call.clientKey() + ": " + refused.detail());
    }
}
