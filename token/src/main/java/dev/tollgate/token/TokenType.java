package dev.tollgate.token;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The four EdgeAuth token types. An {@link #EDGE} token carries no {@code type} field; it is an auth token and a
 * stream token at once.
 *
 * <p>Immutable and thread-safe.
 */
public enum TokenType {
    /** No {@code type} field: may authenticate and subscribe. */
    EDGE(null),
    /** {@code "auth"}: may create a session only ({@code forAuthenticationOnly()}). */
    AUTH("auth"),
    /** {@code "stream"}: may consume a stream only ({@code forStreamingOnly()}). */
    STREAM("stream"),
    /** {@code "publish"}: may create a stream only ({@code forPublishingOnly()}). */
    PUBLISH("publish");

    private final String wireValue;

    TokenType(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The value of the {@code type} claim, empty for {@link #EDGE}. */
    public Optional<String> wireValue() {
        return Optional.ofNullable(wireValue);
    }

    static Optional<TokenType> fromWireValue(String value) {
        for (Optional<TokenType> type : WIRE_TYPES) {
            if (value.equals(type.orElseThrow().wireValue)) {
                return type;
            }
        }
        return Optional.empty();
    }

    // Built once: this runs for every token read, and values() copies its array on each call.
    private static final List<Optional<TokenType>> WIRE_TYPES = Arrays.stream(values())
            .filter(type -> type.wireValue != null)
            .map(Optional::of)
            .toList();
}
