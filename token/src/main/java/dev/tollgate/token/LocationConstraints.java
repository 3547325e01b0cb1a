package dev.tollgate.token;

import java.util.ArrayList;
import java.util.Collections;
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
 * into the token still holds. Immutable and thread-safe.
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

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}|\\?\\?");
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
     * @return the constraints, or empty when a {@code geo-} capability is malformed (an empty list, a code that is
     *     not ISO 3166-1 alpha-2 or {@code ??}); callers treat that token as bad, so a constraint that cannot be
     *     read never silently allows
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
            if (capability.startsWith(COUNTRY_ALLOW)) {
                Optional<Set<String>> codes = countries(capability.substring(COUNTRY_ALLOW.length()));
                if (codes.isEmpty()) {
                    return Optional.empty();
                }
                countryAllow = intersect(countryAllow, codes.get());
            } else if (capability.startsWith(COUNTRY_DENY)) {
                Optional<Set<String>> codes = countries(capability.substring(COUNTRY_DENY.length()));
                if (codes.isEmpty()) {
                    return Optional.empty();
                }
                countryDeny.addAll(codes.get());
            } else if (capability.startsWith(POSTAL_CODE_ALLOW)) {
                Optional<Set<String>> codes = postalCodes(capability.substring(POSTAL_CODE_ALLOW.length()));
                if (codes.isEmpty()) {
                    return Optional.empty();
                }
                postalAllow = intersect(postalAllow, codes.get());
            } else if (capability.startsWith(POSTAL_CODE_DENY)) {
                Optional<Set<String>> codes = postalCodes(capability.substring(POSTAL_CODE_DENY.length()));
                if (codes.isEmpty()) {
                    return Optional.empty();
                }
                postalDeny.addAll(codes.get());
            }
        }
        if (countryAllow == null && countryDeny.isEmpty() && postalAllow == null && postalDeny.isEmpty()) {
            return Optional.of(NONE);
        }
        return Optional.of(new LocationConstraints(
                Optional.ofNullable(countryAllow), countryDeny, Optional.ofNullable(postalAllow), postalDeny));
    }

    /** Whether a country code is written as the seed asks: two upper-case letters or {@code ??}. */
    public static boolean isCountryCode(String code) {
        return code != null && COUNTRY.matcher(code).matches();
    }

    /** Whether a postal code can travel in a capability (no comma, no leading or trailing space). */
    public static boolean isPostalCode(String code) {
        return code != null && POSTAL_CODE.matcher(code).matches();
    }

    /** Normalises a postal code for comparison: upper case, as databases and tokens differ in case. */
    public static String normalisePostalCode(String code) {
        return code.toUpperCase(Locale.ROOT);
    }

    private static Optional<Set<String>> countries(String list) {
        return split(list, true);
    }

    private static Optional<Set<String>> postalCodes(String list) {
        return split(list, false);
    }

    private static Optional<Set<String>> split(String list, boolean countries) {
        List<String> items = new ArrayList<>();
        for (String item : list.split(",", -1)) {
            String trimmed = item.trim();
            if (countries) {
                // Tokens minted elsewhere may write "us"; the meaning is unambiguous, so accept it.
                String upper = trimmed.toUpperCase(Locale.ROOT);
                if (!isCountryCode(upper)) {
                    return Optional.empty();
                }
                items.add(upper);
            } else {
                if (!isPostalCode(trimmed)) {
                    return Optional.empty();
                }
                items.add(normalisePostalCode(trimmed));
            }
        }
        return Optional.of(Collections.unmodifiableSet(new LinkedHashSet<>(items)));
    }

    private static Set<String> intersect(Set<String> current, Set<String> next) {
        if (current == null) {
            return new LinkedHashSet<>(next);
        }
        current.retainAll(next);
        return current;
    }
}
