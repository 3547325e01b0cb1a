package dev.tollgate.server.internal.hooks;

import java.util.Objects;

/**
 * What one call of a media server's hook asks, once its dialect is read: admit a client, end its session, or nothing
 * but an acknowledgement. The hooks' readers return it, so what they read is testable without a server. Immutable
 * and thread-safe.
 */
sealed interface StreamEvent permits StreamEvent.Admit, StreamEvent.End, StreamEvent.Acknowledge {

    /** A client starts to play or publish: {@link StreamGate#admit}. */
    record Admit(StreamCall call) implements StreamEvent {
        public Admit {
            Objects.requireNonNull(call, "call");
        }
    }

    /** A connection ended: {@link StreamGate#end} of the session the media server knows by {@code clientKey}. */
    record End(String mediaServer, String clientKey) implements StreamEvent {
        public End {
            Objects.requireNonNull(mediaServer, "mediaServer");
            Objects.requireNonNull(clientKey, "clientKey");
        }
    }

    /** A notification Tollgate has no use for; answered as the media server expects and otherwise ignored. */
    record Acknowledge(String what) implements StreamEvent {
        public Acknowledge {
            Objects.requireNonNull(what, "what");
        }
    }
}
