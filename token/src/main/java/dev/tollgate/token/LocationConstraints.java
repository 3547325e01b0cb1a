package dev.tollgate.token;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The location constraints a token carries as capabilities, in the spelling of "Using EdgeAuth":
 * {@code geo-country-allow=US,DE}, {@code geo-country-deny=IN,??}, {@code geo-postal-code-allow=60609,60616},
 * {@code geo-postal-code-deny=01748}. {@code ??} is the country of an address the geo database cannot map.
 *
 * <p>When a token repeats a capability, allow lists intersect and deny lists unite, so every constraint written
 * into the token still holds.
 *
 * <p>Country codes are the ISO 3166-1 alpha-2 codes that exist ({@link Locale#getISOCountries()}), plus {@code ??},
 * {@code XK} (Kosovo: user-assigned, but what MaxMind and DB-IP databases answer) and {@code UK}, which the seed's own
 * example uses for the United Kingdom; databases answer ISO's {@code GB}, so {@code UK} is read as {@code GB}.
 * Immutable and thread-safe.
 *
 * @param countryAllow countries that may use the token; empty when the token sets no allow list
 * @param countryDeny countries that may not use the token
 * @param postalCodeAllow postal codes that may use the token; empty when the token sets no allow list
 * @param postalCodeDeny postal codes that may not use the token
 */
public record LocationConstraints(
        Optional<Set<String>> countryAllow,
        Set<String> countryDeny,
        Optional<Set<String>> postalCodeAllow,
        Set<String> postalCodeDeny) {

    public static final String COUNTRY_ALLOW = "geo-country-allow=";
    public static final String COUNTRY_DENY = "geo-country-deny=";
    public static final String POSTAL_CODE_ALLOW = "geo-postal-code-allow=";
    public static final String POSTAL_CODE_DENY = "geo-postal-code-deny=";

    /** The country code for addresses the geo database cannot map. */
    public static final String UNMAPPED_COUNTRY = "??";

    /** The United Kingdom as the seed writes it ({@code geo-country-allow=US,UK,DE}); ISO 3166-1 says GB. */
    public static final String UK_ALIAS = "UK";

    private static final Set<String> COUNTRIES = countries();
    // Postal codes differ per country ("60609", "SW1A 1AA", "M5V 3L9"): letters, digits, inner spaces and dashes.
    private static final Pattern POSTAL_CODE = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9 -]{0,14}[A-Za-z0-9])?");

    /** No location constraint at all. */
    public static final LocationConstraints NONE =
            new LocationConstraints(Optional.empty(), Set.of(), Optional.empty(), Set.of());

    public LocationConstraints {
        countryAllow = countryAllow.map(Set::copyOf);
        countryDeny = Set.copyOf(countryDeny);
        postalCodeAllow = postalCodeAllow.map(Set::copyOf);
        postalCodeDeny = Set.copyOf(postalCodeDeny);
    }

    /** Whether the token constrains location in any way. */
    public boolean isEmpty() {
        return countryAllow.isEmpty() && countryDeny.isEmpty() && postalCodeAllow.isEmpty() && postalCodeDeny.isEmpty();
    }

    /** Whether any constraint needs a postal code (which only City databases give). */
    public boolean needsPostalCode() {
        return postalCodeAllow.isPresent() || !postalCodeDeny.isEmpty();
    }

    /**
     * Reads the location constraints from a token's capabilities.
     *
     * @return the constraints, or empty when a location capability is malformed (see {@link #malformation}); callers
     *     refuse such a token, so a constraint that cannot be read never silently allows
     */
    // Shared: nearly every token has no location constraint, and this runs for every token read.
    private static final Optional<LocationConstraints> NO_CONSTRAINTS = Optional.of(NONE);

    public static Optional<LocationConstraints> fromCapabilities(List<String> capabilities) {
        boolean any = false;
        for (String capability : capabilities) {
            any |= capability.startsWith("geo-");
        }
        if (!any) {
            return NO_CONSTRAINTS;
        }
        Set<String> countryAllow = null;
        Set<String> countryDeny = new LinkedHashSet<>();
        Set<String> postalAllow = null;
        Set<String> postalDeny = new LinkedHashSet<>();
        for (String capability : capabilities) {
            Codes codes = codes(capability);
            if (codes == null) {
                continue;
            }
            if (codes.problem() != null) {
                return Optional.empty();
            }
            switch (codes.prefix()) {
                case COUNTRY_ALLOW -> countryAllow = intersect(countryAllow, codes.codes());
                case COUNTRY_DENY -> countryDeny.addAll(codes.codes());
                case POSTAL_CODE_ALLOW -> postalAllow = intersect(postalAllow, codes.codes());
                default -> postalDeny.addAll(codes.codes());
            }
        }
        if (countryAllow == null && countryDeny.isEmpty() && postalAllow == null && postalDeny.isEmpty()) {
            return Optional.of(NONE);
        }
        return Optional.of(new LocationConstraints(
                Optional.ofNullable(countryAllow), countryDeny, Optional.ofNullable(postalAllow), postalDeny));
    }

    /**
     * Why a capability cannot be read as a location constraint, for messages and logs.
     *
     * @return the reason, e.g. {@code geo-country-allow=usa: 'usa' is not an ISO 3166-1 alpha-2 country code ...}, or
     *     empty when the capability is well formed or is not one of the four location capabilities
     */
    public static Optional<String> malformation(String capability) {
        Codes codes = codes(capability);
        return codes == null ? Optional.empty() : Optional.ofNullable(codes.problem());
    }

    /** The first malformed location capability's reason, or empty when all can be read. */
    public static Optional<String> malformation(List<String> capabilities) {
        for (String capability : capabilities) {
            Optional<String> problem = malformation(capability);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a country code is one the seed's lists can hold, in upper case: an ISO 3166-1 alpha-2 code that exists,
     * {@code XK}, {@code UK} or {@code ??}.
     */
    public static boolean isCountryCode(String code) {
        return code != null && COUNTRIES.contains(code);
    }

    /** Normalises a country code for comparison: upper case, and the seed's {@code UK} as ISO's {@code GB}. */
    public static String normaliseCountryCode(String code) {
        String upper = code.toUpperCase(Locale.ROOT);
        return upper.equals(UK_ALIAS) ? "GB" : upper;
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }

    /** Whether a postal code can travel in a capability (no comma, no leading or trailing space). */
    public static boolean isPostalCode(String code) {
        return code != null && POSTAL_CODE.matcher(code).matches();
    }

    /** Normalises a postal code for comparison: upper case, as databases and tokens differ in case. */
    public static String normalisePostalCode(String code) {
        return code.toUpperCase(Locale.ROOT);
    }

    /** The codes of one location capability (or why they cannot be read); null for any other capability. */
    private record Codes(String prefix, Set<String> codes, String problem) {}

    private static Codes codes(String capability) {
        if (!capability.startsWith("geo-")) {
            return null;
        }
        boolean countries;
        String prefix;
        if (capability.startsWith(COUNTRY_ALLOW)) {
            prefix = COUNTRY_ALLOW;
            countries = true;
        } else if (capability.startsWith(COUNTRY_DENY)) {
            prefix = COUNTRY_DENY;
            countries = true;
        } else if (capability.startsWith(POSTAL_CODE_ALLOW)) {
            prefix = POSTAL_CODE_ALLOW;
            countries = false;
        } else if (capability.startsWith(POSTAL_CODE_DENY)) {
            prefix = POSTAL_CODE_DENY;
            countries = false;
        } else {
            return null;
        }
        Set<String> items = new LinkedHashSet<>();
        for (String item : capability.substring(prefix.length()).split(",", -1)) {
            String trimmed = item.trim();
            if (trimmed.isEmpty()) {
                return new Codes(prefix, Set.of(), capability + ": the list has an empty entry");
            }
            if (countries) {
                // Tokens minted elsewhere may write "us"; the meaning is unambiguous, so accept it. ASCII only: Unicode
                // case rules would read "ß" as SS (South Sudan) and a dotless "ıd" as ID (Indonesia).
                if (!isAscii(trimmed) || !isCountryCode(trimmed.toUpperCase(Locale.ROOT))) {
                    return new Codes(
                            prefix,
                            Set.of(),
                            capability + ": '" + trimmed + "' is not an ISO 3166-1 alpha-2 country code that exists"
                                    + " (e.g. US, DE), UK, XK or ??");
                }
                items.add(normaliseCountryCode(trimmed));
            } else {
                if (!isPostalCode(trimmed)) {
                    return new Codes(
                            prefix,
                            Set.of(),
                            capability + ": '" + trimmed
                                    + "' is not a postal code (letters, digits, inner spaces or dashes, at most 16)");
                }
                items.add(normalisePostalCode(trimmed));
            }
        }
        return new Codes(prefix, Collections.unmodifiableSet(items), null);
    }

    private static Set<String> countries() {
        Set<String> codes = new HashSet<>(List.of(Locale.getISOCountries()));
        // Kosovo: user-assigned in ISO 3166, but MaxMind and DB-IP answer XK for it.
        codes.add("XK");
        codes.add(UK_ALIAS);
        codes.add(UNMAPPED_COUNTRY);
        return Set.copyOf(codes);
    }

    private static Set<String> intersect(Set<String> current, Set<String> next) {
        if (current == null) {
            return new LinkedHashSet<>(next);
        }
        current.retainAll(next);
        return current;
    }
}
