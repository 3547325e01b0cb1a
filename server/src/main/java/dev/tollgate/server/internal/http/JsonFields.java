package dev.tollgate.server.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Typed, strict access to the fields of a JSON request object: unknown fields, wrong types and missing required
 * fields are {@link Rejection}s with the codes {@code unknown-field}, {@code wrong-type}, {@code missing-field}.
 * A JSON {@code null} counts as absent.
 *
 * <p>No string value may hold a C0 control character (U+0000 to U+001F, tab and line breaks included): that is the
 * {@link Rejection} {@code invalid-value}. Every string read here may end up stored or echoed: PostgreSQL refuses
 * U+0000 in text, and JSON writes each control character as a six-character escape, so a value within its length
 * limit would overflow the column of a stored JSON document. No field of this API is multi-line text, so nothing
 * legitimate is lost.
 *
 * <p>Not thread-safe; one per request.
 */
public final class JsonFields {
    private final ObjectNode node;
    private final String prefix;

    private JsonFields(ObjectNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    /** The fields of a request body, refusing any name outside {@code allowed}. */
    public static JsonFields of(ObjectNode node, Set<String> allowed) {
        return new JsonFields(node, "").allowOnly(allowed);
    }

    private JsonFields allowOnly(Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw Rejection.badRequest(
                        ErrorCode.UNKNOWN_FIELD,
                        "unknown field '" + prefix + RequestBody.printable(name) + "'; allowed: "
                                + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        return this;
    }

    public boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    public Optional<String> string(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw wrongType(name, "a string");
        }
        return Optional.of(checked(name, value.textValue()));
    }

    public String requiredString(String name) {
        return string(name).orElseThrow(() -> missing(name));
    }

    public Optional<Long> integer(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw wrongType(name, "an integer");
        }
        return Optional.of(value.longValue());
    }

    public boolean bool(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw wrongType(name, "true or false");
        }
        return value.booleanValue();
    }

    /** An array of strings; empty when absent. */
    public List<String> strings(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw wrongType(name, "an array of strings");
        }
        List<String> list = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw wrongType(name, "an array of strings");
            }
            list.add(checked(name, item.textValue()));
        }
        return list;
    }

    /** A space-separated string or an array of strings, split into values; empty when absent. */
    public Optional<List<String>> wordsOrStrings(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isTextual()) {
            return Optional.of(words(checked(name, value.textValue())));
        }
        if (value.isArray()) {
            List<String> list = new ArrayList<>();
            for (String item : strings(name)) {
                list.addAll(words(item));
            }
            return Optional.of(list);
        }
        throw wrongType(name, "a space-separated string or an array of strings");
    }

    /** A nested object, checked against its own allowed names. */
    public Optional<JsonFields> object(String name, Set<String> allowed) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw wrongType(name, "an object");
        }
        return Optional.of(new JsonFields((ObjectNode) value, prefix + name + ".").allowOnly(allowed));
    }

    public static List<String> words(String text) {
        List<String> list = new ArrayList<>();
        for (String word : text.strip().split("\\s+")) {
            if (!word.isEmpty()) {
                list.add(word);
            }
        }
        return list;
    }

    /** Whether {@code text} holds a C0 control character (U+0000 to U+001F). */
    public static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < 0x20) {
                return true;
            }
        }
        return false;
    }

    private String checked(String name, String text) {
        if (hasControl(text)) {
            throw Rejection.badRequest(
                    ErrorCode.INVALID_VALUE,
                    "the field '" + prefix + name + "' must not contain control characters (U+0000 to U+001F)");
        }
        return text;
    }

    private Rejection wrongType(String name, String expected) {
        return Rejection.badRequest(ErrorCode.WRONG_TYPE, "the field '" + prefix + name + "' must be " + expected);
    }

    private Rejection missing(String name) {
        return Rejection.badRequest(ErrorCode.MISSING_FIELD, "the field '" + prefix + name + "' is required");
    }
}
