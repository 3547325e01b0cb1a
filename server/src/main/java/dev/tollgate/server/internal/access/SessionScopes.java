package dev.tollgate.server.internal.access;

import dev.tollgate.server.internal.http.JsonFields;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The session scopes of a client access token, as Dolby documents them: a space-separated list, unknown values
 * omitted, absent or {@code *} meaning unrestricted. {@code POST /v1/sessions} and the session endpoints enforce them
 * (the table is in docs/api.md).
 *
 * <p>Stateless and thread-safe.
 */
public final class SessionScopes {
    public static final String UNRESTRICTED = "*";
    /** Create a conference from the session. */
    public static final String CONF_CREATE = "conf:create";
    /** Subscribe the session to event notifications. */
    public static final String NOTIFICATIONS_SET = "notifications:set";
    /** Change the session's own participant name. */
    public static final String SESSION_UPDATE = "session:update";

    public static final List<String> KNOWN = List.of(CONF_CREATE, NOTIFICATIONS_SET, SESSION_UPDATE);

    private SessionScopes() {}

    /** The scope string for a token: {@code *} when absent or when {@code *} was asked for. */
    public static String resolve(List<String> requested) {
        if (requested.isEmpty() || requested.contains(UNRESTRICTED)) {
            return UNRESTRICTED;
        }
        Set<String> known = new LinkedHashSet<>();
        for (String scope : requested) {
            if (KNOWN.contains(scope)) {
                known.add(scope);
            }
        }
        return String.join(" ", known);
    }

    /** Whether a token's scope string allows an action. */
    public static boolean allows(String scope, String action) {
        List<String> words = JsonFields.words(scope);
        return words.contains(UNRESTRICTED) || words.contains(action);
    }
}
