package dev.tollgate.client;

import java.util.List;
import java.util.Objects;

/**
 * A digest token minted by the server. {@link #toString()} never shows the token.
 *
 * <p>Immutable and thread-safe: the warnings are an unmodifiable copy.
 *
 * @param token the {@code DIGEST:...} token
 * @param claimsJson its claims, as JSON text
 * @param warnings mint-time warnings (e.g. {@code not-url-safe: ...}), empty when none
 */
public record EdgeToken(String token, String claimsJson, List<String> warnings) {
    public EdgeToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(claimsJson, "claimsJson");
        warnings = List.copyOf(warnings);
    }

    @Override
    public String toString() {
        return "EdgeToken[claims=" + claimsJson + ", warnings=" + warnings + "]";
    }
}
