package dev.tollgate.server.internal.decisions;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.edge.Check;
import dev.tollgate.edge.Decision;
import dev.tollgate.edge.Denied;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A decision as the explain views show it, {@code {"decision","code","trace","claims","location"}}: {@code POST
 * /v1/tokens/verify} and the dashboard's debugger answer the same shape. Stateless and thread-safe.
 */
public final class DecisionView {
    private DecisionView() {}

    /** The decision as JSON-ready maps; {@code claims} when the token was authentic, {@code location} when located. */
    public static Map<String, Object> of(Decision decision, ObjectMapper mapper) {
        Map<String, Object> answer = new LinkedHashMap<>();
        switch (decision) {
            case Denied denied -> {
                answer.put("decision", "denied");
                answer.put("code", denied.code().code());
            }
            default -> {
                answer.put("decision", "allowed");
                // One vocabulary with or without a request: "allowed", or the code of what refused the token.
                answer.put("code", "allowed");
            }
        }
        List<Map<String, String>> trace = new ArrayList<>();
        for (Check check : decision.trace()) {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("check", check.name());
            entry.put("outcome", check.outcome().name().toLowerCase(Locale.ROOT));
            entry.put("detail", check.detail());
            trace.add(entry);
        }
        answer.put("trace", trace);
        // Verified once: an allowed decision and an authentic refusal (expired, say) both carry the claims.
        decision.authentic().ifPresent(authentic -> {
            try {
                answer.put("claims", mapper.readTree(authentic.claims().json()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        decision.location().ifPresent(location -> {
            Map<String, String> where = new LinkedHashMap<>();
            where.put("country", location.country());
            location.postalCode().ifPresent(code -> where.put("postalCode", code));
            where.put("database", location.database().toString());
            answer.put("location", where);
        });
        return answer;
    }
}
