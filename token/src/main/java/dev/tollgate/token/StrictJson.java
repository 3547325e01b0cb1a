package dev.tollgate.token;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 JSON reader for token text: one value, no trailing content, no duplicate keys (two parsers that
 * pick different duplicates would disagree on what was signed), no raw control characters in strings, bounded
 * nesting. Objects become {@link LinkedHashMap}s, arrays {@link List}s, numbers {@link Number}s keeping their text,
 * and {@code null} the {@link #NULL} marker. Hand-written rather than Jackson because parsing is most of the cost
 * of verifying a token besides the HMAC itself (see docs/performance.md).
 */
final class StrictJson {
    static final int MAX_DEPTH = 32;

    /** The JSON {@code null} literal. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** A JSON number as written. */
    record Number(String text, boolean integral) {}

    /** Bad JSON; a cheap exception (no stack trace) because hostile input is expected here. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private final String text;
    private int position;

    private StrictJson(String text) {
        this.text = text;
    }

    /** Parses a complete JSON text. */
    static Object parse(String text) throws Malformed {
        StrictJson reader = new StrictJson(text);
        reader.skipWhitespace();
        Object value = reader.value(0);
        reader.skipWhitespace();
        if (reader.position != text.length()) {
            throw new Malformed("content after the JSON value at " + reader.position);
        }
        return value;
    }

    private Object value(int depth) throws Malformed {
        if (position >= text.length()) {
            throw new Malformed("unexpected end of JSON");
        }
        char c = text.charAt(position);
        return switch (c) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", NULL);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw new Malformed("unexpected character at " + position);
            }
        };
    }

    private Map<String, Object> object(int depth) throws Malformed {
        if (depth > MAX_DEPTH) {
            throw new Malformed("nested deeper than " + MAX_DEPTH);
        }
        position++; // {
        Map<String, Object> object = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            position++;
            return object;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw new Malformed("expected a field name at " + position);
            }
            String name = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            Object value = value(depth);
            if (object.putIfAbsent(name, value) != null) {
                throw new Malformed("duplicate field " + name);
            }
            skipWhitespace();
            char next = next();
            if (next == '}') {
                return object;
            }
            if (next != ',') {
                throw new Malformed("expected , or } at " + (position - 1));
            }
        }
    }

    private List<Object> array(int depth) throws Malformed {
        if (depth > MAX_DEPTH) {
            throw new Malformed("nested deeper than " + MAX_DEPTH);
        }
        position++; // [
        List<Object> array = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            position++;
            return array;
        }
        while (true) {
            skipWhitespace();
            array.add(value(depth));
            skipWhitespace();
            char next = next();
            if (next == ']') {
                return array;
            }
            if (next != ',') {
                throw new Malformed("expected , or ] at " + (position - 1));
            }
        }
    }

    private String string() throws Malformed {
        String text = this.text;
        int length = text.length();
        int i = position + 1; // after the opening quote
        int chunk = i;
        StringBuilder out = null;
        // Locals rather than fields in this loop: it is the hottest in token verification.
        while (i < length) {
            char c = text.charAt(i);
            if (c == '"') {
                position = i + 1;
                return out == null
                        ? text.substring(chunk, i)
                        : out.append(text, chunk, i).toString();
            }
            if (c < 0x20) {
                throw new Malformed("raw control character in a string at " + i);
            }
            if (c != '\\') {
                i++;
                continue;
            }
            if (out == null) {
                out = new StringBuilder(i - chunk + 32);
            }
            out.append(text, chunk, i);
            if (i + 1 >= length) {
                break;
            }
            char escape = text.charAt(i + 1);
            i += 2;
            switch (escape) {
                case '"', '\\', '/' -> out.append(escape);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    position = i;
                    out.append(hex4());
                    i = position;
                }
                default -> throw new Malformed("invalid escape at " + (i - 1));
            }
            chunk = i;
        }
        throw new Malformed("unterminated string");
    }

    private char hex4() throws Malformed {
        if (position + 4 > text.length()) {
            throw new Malformed("truncated \\u escape");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(position++), 16);
            if (digit < 0) {
                throw new Malformed("invalid \\u escape at " + (position - 1));
            }
            value = value * 16 + digit;
        }
        return (char) value;
    }

    private Number number() throws Malformed {
        int start = position;
        boolean integral = true;
        if (peek() == '-') {
            position++;
        }
        if (peek() == '0') {
            position++;
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw new Malformed("invalid number at " + start);
        }
        if (peek() == '.') {
            integral = false;
            position++;
            if (!isDigit(peek())) {
                throw new Malformed("invalid number at " + start);
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            position++;
            if (peek() == '+' || peek() == '-') {
                position++;
            }
            if (!isDigit(peek())) {
                throw new Malformed("invalid number at " + start);
            }
            digits();
        }
        if (position - start > 64) {
            throw new Malformed("number longer than 64 characters at " + start);
        }
        return new Number(text.substring(start, position), integral);
    }

    private void digits() {
        while (isDigit(peek())) {
            position++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private Object literal(String literal, Object value) throws Malformed {
        if (!text.startsWith(literal, position)) {
            throw new Malformed("invalid literal at " + position);
        }
        position += literal.length();
        return value;
    }

    private void skipWhitespace() {
        int length = text.length();
        while (position < length) {
            char c = text.charAt(position);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            position++;
        }
    }

    private char peek() {
        return position < text.length() ? text.charAt(position) : '\0';
    }

    private char next() throws Malformed {
        if (position >= text.length()) {
            throw new Malformed("unexpected end of JSON");
        }
        return text.charAt(position++);
    }

    private void expect(char expected) throws Malformed {
        if (next() != expected) {
            throw new Malformed("expected " + expected + " at " + (position - 1));
        }
    }

    /** Compact JSON for a parsed value (used to keep unknown claims). */
    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    // An if-chain rather than a pattern switch: this module compiles for Java 17 (pattern switch is 21).
    private static void write(StringBuilder out, Object value) {
        if (value instanceof String s) {
            JsonText.writeString(out, s);
        } else if (value instanceof Number n) {
            out.append(n.text());
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(out, list.get(i));
            }
            out.append(']');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                JsonText.writeString(out, (String) entry.getKey());
                out.append(':');
                write(out, entry.getValue());
            }
            out.append('}');
        } else {
            out.append("null");
        }
    }
}
