package dev.tollgate.server.internal.hooks;

import dev.tollgate.edge.Allowed;
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
            Objects.requireNonNull(detail, "detail");
        }
    }
}
