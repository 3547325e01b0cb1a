package dev.tollgate.server.internal.access;

import dev.tollgate.server.internal.accounts.Account;
import dev.tollgate.server.internal.accounts.Role;
import java.util.Optional;

/**
 * Who calls an administrative route ({@link Gates#requireOperator}): the admin credential, or a person signed in to the
 * dashboard, whose role says how far it reaches. Immutable and thread-safe.
 */
public sealed interface Operator {
    /** The admin credential ({@code Authorization: Bearer tga_...}). */
    record AdminCredential() implements Operator {}

    /** A browser session's account. */
    record SignedIn(Account account) implements Operator {}

    /** Whether it reaches every application and the accounts: the admin credential or an {@code admin} account. */
    default boolean admin() {
        return switch (this) {
            case AdminCredential credential -> true;
            case SignedIn signedIn -> signedIn.account().role() == Role.ADMIN;
        };
    }

    /** The signed-in account, when it is one. */
    default Optional<Account> signedInAccount() {
        return this instanceof SignedIn signedIn ? Optional.of(signedIn.account()) : Optional.empty();
    }

    /** For the log: never a credential. */
    default String describe() {
        return switch (this) {
            case AdminCredential credential -> "the admin credential";
            case SignedIn signedIn -> "account " + signedIn.account().id();
        };
    }
}
