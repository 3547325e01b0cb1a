package dev.tollgate.server.internal.access;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The API-token scopes this server enforces, and Dolby's resolution rules for a requested scope list: unknown values
 * are omitted, no scope means every scope the application may use, {@code prefix:*} is a wildcard over the known
 * scopes with that prefix ({@code comms:*}). Only scopes that some endpoint checks exist here: a scope that gates
 * nothing would be a promise the server does not keep.
 *
 * <p>Stateless and thread-safe.
 */
public final class ApiScopes {
    /** Allows {@code POST /v2/client-access-token}. */
    public static final String CLIENT_ACCESS_TOKEN_CREATE = "comms:client_access_token:create";

    /** Allows {@code POST /v1/edge-tokens}. */
    public static final String EDGE_TOKEN_CREATE = "edge:token:create";

    /**
     * Allows {@code /v1/channels} and {@code /v1/rooms}: create, list, show and delete the application's channels and
     * rooms, and list their origin streams.
     */
    public static final String CHANNELS_MANAGE = "channels:manage";

    /** Allows {@code /v1/revocations}: revoke, list and withdraw the application's revocation entries. */
    public static final String REVOCATIONS_MANAGE = "revocations:manage";

    /** Every known scope, in a stable order. */
    public static final List<String> ALL =
            List.of(CLIENT_ACCESS_TOKEN_CREATE, EDGE_TOKEN_CREATE, CHANNELS_MANAGE, REVOCATIONS_MANAGE);

    private ApiScopes() {}

    /** The scopes an application may be given: the known ones among {@code requested}, or all when empty. */
    public static List<String> forApplication(List<String> requested) {
        return requested.isEmpty() ? ALL : resolve(requested, ALL);
    }

    /** The scopes a token gets: {@code requested} (wildcards expanded) within what the application may use. */
    public static List<String> resolve(List<String> requested, List<String> allowed) {
        if (requested.isEmpty()) {
            return List.copyOf(allowed);
        }
        Set<String> result = new LinkedHashSet<>();
        for (String scope : requested) {
            if (scope.endsWith(":*")) {
                String prefix = scope.substring(0, scope.length() - 1);
                allowed.stream().filter(s -> s.startsWith(prefix)).forEach(result::add);
            } else if (allowed.contains(scope)) {
                result.add(scope);
            }
        }
        return new ArrayList<>(result);
    }
}
