package dev.tollgate.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Coverage-guided fuzz targets for the strict JSON reader and the form decoder: whatever the bytes, the answer is a
 * value or a 4xx {@link Rejection}, never another exception (which the server would turn into a 500). {@code ./mvnw
 * verify} replays the corpora under {@code src/test/resources/dev/tollgate/server/internal/http/
 * WhenFuzzingTheRequestReadersInputs/}; {@code scripts/fuzz.sh} fuzzes one target (docs/reliability.md).
 */
class WhenFuzzingTheRequestReaders {
    private static final ObjectMapper MAPPER =
            Plumbing.create(Clock.systemUTC()).mapper();

    @FuzzTest
    void anyJsonBodyIsReadOrRefusedWithA4xx(@NotNull byte[] body) {
        ObjectNode node;
        try {
            node = RequestBody.jsonObject(body, MAPPER);
        } catch (Rejection refused) {
            assertRefusedAsClientError(refused);
            return;
        }
        // Every typed read of every field a body can carry answers or refuses, as an endpoint reads them.
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        JsonFields fields;
        try {
            fields = JsonFields.of(node, Set.copyOf(names));
        } catch (Rejection refused) {
            assertRefusedAsClientError(refused);
            return;
        }
        for (String name : names) {
            readEach(
                    () -> fields.string(name),
                    () -> fields.integer(name),
                    () -> fields.bool(name),
                    () -> fields.strings(name),
                    () -> fields.wordsOrStrings(name),
                    () -> fields.object(name, Set.of("a", "b")));
        }
    }

    @FuzzTest
    void anyFormBodyIsReadOrRefusedWithA4xx(@NotNull byte[] body) {
        try {
            Map<String, String> fields = RequestBody.form(body);
            assertThat(fields).doesNotContainKey(null);
        } catch (Rejection refused) {
            assertRefusedAsClientError(refused);
        }
    }

    @FuzzTest
    void anyQueryStringIsDecodedOrRefusedWithA4xx(@NotNull String query) {
        try {
            for (FormEncoding.Field field : FormEncoding.fields(query, ErrorCode.INVALID_PARAMETER, "the query")) {
                assertThat(field.name()).isNotNull();
                assertThat(field.value()).isNotNull();
            }
        } catch (Rejection refused) {
            assertRefusedAsClientError(refused);
        }
    }

    private static void readEach(Runnable... reads) {
        for (Runnable read : reads) {
            try {
                read.run();
            } catch (Rejection refused) {
                assertRefusedAsClientError(refused);
            }
        }
    }

    static void assertRefusedAsClientError(Rejection refused) {
        assertThat(refused.status()).as(refused.code()).isBetween(400, 499);
        assertThat(refused.code()).matches("[a-z0-9]+(-[a-z0-9]+)*");
    }
}
