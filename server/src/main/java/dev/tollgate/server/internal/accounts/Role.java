package dev.tollgate.server.internal.accounts;

import java.util.Optional;

/**
 * What an account may do: {@code admin} acts as the admin credential does (every application, the accounts), {@code
 * developer} administers only the applications it owns. Immutable and thread-safe.
 */
public enum Role {
    ADMIN("admin"),
    DEVELOPER("developer");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    /** The name on the wire and in the database: {@code admin} or {@code developer}. */
    public String wireName() {
        return wireName;
    }

    /** The role of a wire name, or empty when it names none. */
    public static Optional<Role> fromWire(String name) {
        for (Role role : values()) {
            if (role.wireName.equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
