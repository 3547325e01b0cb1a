package dev.tollgate.server.internal.accounts;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A person who signs in to the dashboard. Immutable and thread-safe.
 *
 * @param id the account ID ({@code acc_} and 128 random bits)
 * @param email the sign-in name, lower-cased
 * @param role what it may do
 * @param passwordSet whether its owner has set a password (an account is created without one)
 * @param createdAt creation time
 */
public record Account(String id, String email, Role role, boolean passwordSet, Instant createdAt) {
    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** The wire shape every answer naming an account uses: {@code {"id","email","role"}} and the rest. */
    public Map<String, Object> describe() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", id);
        answer.put("email", email);
        answer.put("role", role.wireName());
        answer.put("passwordSet", passwordSet);
        answer.put("createdAt", createdAt.toString());
        return answer;
    }
}
