package dev.tollgate.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The server's edge decision for a token and a request, with every check it ran ({@code POST /v1/tokens/verify}).
 * Immutable and thread-safe.
 *
 * @param allowed whether the platform would allow the request
 * @param code {@code allowed}, or the stable denial code (e.g. {@code expired}, {@code designation-mismatch})
 * @param trace the checks in the order they ran
 * @param claimsJson the token's claims when it is authentic
 * @param location where the client address was placed, when a location constraint was evaluated
 */
public record Explanation(
        boolean allowed, String code, List<Check> trace, Optional<String> claimsJson, Optional<Location> location) {

    public Explanation {
        Objects.requireNonNull(code, "code");
        trace = List.copyOf(trace);
        Objects.requireNonNull(claimsJson, "claimsJson");
        Objects.requireNonNull(location, "location");
    }

    /**
     * One check of the decision.
     *
     * @param check its name
     * @param outcome {@code pass}, {@code fail} or {@code skip}
     * @param detail its input and result, for people
     */
    public record Check(String check, String outcome, String detail) {}

    /**
     * The location the decision used.
     *
     * @param country ISO 3166-1 alpha-2, or {@code ??} when unmapped
     * @param postalCode the postal code, when the database has one
     * @param database which database answered (type and build date)
     */
    public record Location(String country, Optional<String> postalCode, String database) {}
}
