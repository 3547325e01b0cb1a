package dev.tollgate.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** Compact JSON lines for the CLI's output. */
final class JsonOutput {
    private static final JsonFactory JSON = new JsonFactory();

    private JsonOutput() {}

    /** Fields of one JSON object, written in order. */
    interface Fields {
        void write(Writer writer) throws IOException;
    }

    /** Writes fields; {@link #raw} embeds JSON text that is already valid. */
    static final class Writer {
        private final JsonGenerator generator;

        private Writer(JsonGenerator generator) {
            this.generator = generator;
        }

        void string(String name, String value) throws IOException {
            generator.writeStringField(name, value);
        }

        void bool(String name, boolean value) throws IOException {
            generator.writeBooleanField(name, value);
        }

        void raw(String name, String json) throws IOException {
            generator.writeFieldName(name);
            generator.writeRawValue(json);
        }
    }

    static String object(Fields fields) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            generator.writeStartObject();
            fields.write(new Writer(generator));
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
