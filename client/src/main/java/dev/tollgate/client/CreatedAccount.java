package dev.tollgate.client;

import java.util.Objects;

/**
 * A new dashboard account, as {@code POST /v1/accounts} answers: its owner sets the password by opening {@link
 * #setPasswordUrl()} within 24 hours, once. {@link #toString()} never shows the link. Immutable and thread-safe.
 *
 * @param accountId the account's ID
 * @param email its sign-in name, lower-cased
 * @param role {@code admin} or {@code developer}
 * @param setPasswordUrl the one-time link ({@code <server>/#/set-password/<token>})
 */
public record CreatedAccount(String accountId, String email, String role, String setPasswordUrl) {
    public CreatedAccount {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(setPasswordUrl, "setPasswordUrl");
    }

    @Override
    public String toString() {
        return "CreatedAccount[accountId=" + accountId + ", email=" + email + ", role=" + role + ", link hidden]";
    }
}
