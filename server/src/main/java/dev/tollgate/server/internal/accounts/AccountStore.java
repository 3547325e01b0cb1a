package dev.tollgate.server.internal.accounts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Accounts, their password hashes, their one-time set-password links (by digest) and the applications they own.
 * Implementations are thread-safe. Schema: {@code db/tollgate/V20__accounts.sql}.
 */
public interface AccountStore {
    /** Inserts the account (without a password); false when another account has its email. */
    boolean insert(Account account);

    Optional<Account> find(String id);

    /** The account of a lower-cased email. */
    Optional<Account> findByEmail(String email);

    /** The account's Argon2id hash, empty when it has none yet (or does not exist). */
    Optional<String> passwordHash(String id);

    /** Every account, oldest first. */
    List<Account> list();

    long count();

    /** Stores a set-password link's digest for the account. */
    void addPasswordLink(String accountId, String digest, Instant now, Instant expiresAt);

    /** Whether a link of {@code digest} exists and has not expired at {@code now}, without using it. */
    boolean passwordLinkLive(String digest, Instant now);

    /**
     * Uses the link of {@code digest}: when it exists and has not expired at {@code now}, sets the account's password
     * hash and deletes every link of the account, in one transaction, so that a link works once. An expired link is
     * deleted too.
     *
     * @return the account whose password was set, or empty when the link is unknown, used or expired
     */
    Optional<String> usePasswordLink(String digest, String passwordHash, Instant now);

    /** Records that the account may administer the application; false when it already could. */
    boolean grant(String applicationId, String accountId, Instant now);

    /** Whether the account may administer the application (its creator, or granted it). */
    boolean isMember(String applicationId, String accountId);

    /** The applications the account may administer. */
    List<String> applicationsOf(String accountId);

    /** The accounts that may administer the application, oldest grant first. */
    List<String> membersOf(String applicationId);
}
