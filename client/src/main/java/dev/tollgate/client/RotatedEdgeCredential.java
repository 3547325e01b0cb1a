package dev.tollgate.client;

import java.time.Instant;
import java.util.Objects;

/**
 * The new edge credential, as {@code POST /v1/admin/edge-credential/rotate} answers: the only time it is shown;
 * {@link #toString()} never does. Immutable and thread-safe.
 *
 * @param edgeCredential the new value ({@code tge_…}), for the media servers' and edges' configuration
 * @param previousValidUntil when the previous value stops working
 * @param file where the answering server wrote it ({@code edge.token} in its data directory)
 */
public record RotatedEdgeCredential(String edgeCredential, Instant previousValidUntil, String file) {
    public RotatedEdgeCredential {
        Objects.requireNonNull(edgeCredential, "edgeCredential");
        Objects.requireNonNull(previousValidUntil, "previousValidUntil");
        Objects.requireNonNull(file, "file");
    }

    @Override
    public String toString() {
        return "RotatedEdgeCredential[edgeCredential hidden, previousValidUntil=" + previousValidUntil + ", file="
                + file + "]";
    }
}
