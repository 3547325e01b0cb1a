package dev.tollgate.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration as an operator types it: a whole number with a unit ({@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, {@code 30d}),
 * a bare number of seconds ({@code 30}, as {@code token verify --clock-skew} takes it), or ISO-8601 ({@code PT30S}).
 * A malformed value is a {@link UsageException} naming the setting, never a stack trace. Stateless.
 */
final class DurationArgument {
    private static final Pattern WITH_UNIT = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)?");

    private DurationArgument() {}

    /** @param setting how the error names what was being set, e.g. {@code the clock skew} */
    static Duration parse(String setting, String text) {
        String value = text.strip();
        Matcher matcher = WITH_UNIT.matcher(value.toLowerCase(Locale.ROOT));
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            String unit = matcher.group(2) == null ? "s" : matcher.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> Duration.ofSeconds(amount);
            };
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageException(setting + " must be a duration such as 30s, 2m or PT30S, was '" + text + "'");
        }
    }
}
