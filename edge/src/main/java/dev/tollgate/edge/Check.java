package dev.tollgate.edge;

import java.util.Objects;

/**
 * One step of a decision, for the trace a person reads to see why: which rule ran, on what input, with what outcome.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the rule, e.g. {@code token-type}, {@code country-allow}
 * @param outcome whether it passed, failed, or did not apply
 * @param detail the input it looked at and what it concluded; never a secret or the token itself
 */
public record Check(String name, Outcome outcome, String detail) {

    /** What a check concluded. Immutable and thread-safe. */
    public enum Outcome {
        /** The rule applied and holds. */
        PASS,
        /** The rule applied and does not hold: the decision is a denial. */
        FAIL,
        /** The rule does not apply to this token or request. */
        SKIP
    }

    public Check {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(outcome, "outcome must not be null");
        Objects.requireNonNull(detail, "detail must not be null");
    }

    @Override
    public String toString() {
        return name + " " + outcome + ": " + detail;
    }
}
