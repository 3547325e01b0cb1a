package dev.tollgate.server.internal.hooks;

import dev.tollgate.edge.Allowed;
import dev.tollgate.edge.DenialCode;
import dev.tollgate.edge.Denied;
import dev.tollgate.server.internal.decisions.Refusals;
import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.http.Rejection;
import dev.tollgate.server.internal.registry.OriginStream;
import dev.tollgate.server.internal.usage.UsageSession;
import java.util.Objects;
import java.util.Optional;

/**
 * The gate's answer to a {@link StreamCall}, which each hook renders in its server's dialect. Implementations are
 * immutable and thread-safe.
 */
public sealed interface Admission permits Admission.Admitted, Admission.Refused {

    /**
     * The client may play or publish; its usage session is stored.
     *
     * @param session the usage session opened
     * @param allowed the edge decision
     * @param stream the origin stream: opened by a publish, played by a subscribe when one is live
     */
    record Admitted(UsageSession session, Allowed allowed, Optional<OriginStream> stream) implements Admission {
        public Admitted {
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(allowed, "allowed");
            Objects.requireNonNull(stream, "stream");
        }
    }

    /**
     * The client may not. Only {@code 401} and {@code 403}: nginx's {@code auth_request} passes those two to the
     * client and turns any other status into a 500.
     *
     * @param status {@code 401} when the token is missing or refused as a credential, {@code 403} otherwise
     * @param code the stable code (an edge denial code, {@code missing-token}, {@code unknown-channel}, ...)
     * @param detail for the log; never the token
     */
    record Refused(int status, String code, String detail) implements Admission {
        public Refused {
            if (status != 401 && status != 403) {
                throw new IllegalArgumentException("a refusal is 401 or 403, was " + status);
            }
            Objects.requireNonNull(code, "code");
            if (ErrorCode.fromCode(code).isEmpty() && DenialCode.fromCode(code).isEmpty()) {
                throw new IllegalArgumentException("a refusal carries a server or edge code, not '" + code + "'");
            }
            Objects.requireNonNull(detail, "detail");
        }

        /** A refusal with one of the server's own codes. */
        static Refused of(int status, ErrorCode code, String detail) {
            return new Refused(status, code.code(), detail);
        }

        /** The edge's refusal, with the status of the one table ({@link Refusals}). */
        static Refused of(Denied denied) {
            return new Refused(Refusals.status(denied), denied.code().code(), denied.detail());
        }

        /** The refusal as the server's JSON error, for a hook whose dialect is an HTTP status. */
        Rejection rejection(String message) {
            return ErrorCode.fromCode(code)
                    .map(server -> Rejection.of(status, server, message))
                    .orElseGet(() ->
                            Rejection.refusal(status, DenialCode.fromCode(code).orElseThrow(), message))
                    .logDetail(detail);
        }
    }
}
