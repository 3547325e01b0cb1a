package dev.tollgate.server.internal.hooks;

import dev.tollgate.server.internal.http.ErrorCode;
import dev.tollgate.server.internal.http.FormEncoding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Form fields or a client's query, the first value of each name: media servers append the client's own query to
 * theirs, so a client can repeat a name, and the media server's value comes first. Stateless and thread-safe.
 */
final class FirstValues {
    private FirstValues() {}

    static Map<String, String> of(List<FormEncoding.Field> fields) {
        Map<String, String> first = new LinkedHashMap<>();
        for (FormEncoding.Field field : fields) {
            first.putIfAbsent(field.name(), field.value());
        }
        return first;
    }

    /** The fields of a query ({@code ?token=…&session=…} or without the {@code ?}); a malformed one is a 400 {@code invalid-parameter}. */
    static Map<String, String> ofQuery(String query, String source) {
        String text = query.startsWith("?") ? query.substring(1) : query;
        return of(FormEncoding.fields(text, ErrorCode.INVALID_PARAMETER, source));
    }
}
