package dev.tollgate.server.internal.accounts;

import dev.tollgate.server.internal.keys.Sha256;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Accounts: creation, the one-time set-password links (also the password reset), password checks and what each
 * account owns. A link's token is 256 random bits shown once; the store keeps its SHA-256. It works once, for {@link
 * #LINK_LIFETIME}, and a newer link or a password set through any link voids the older ones. Thread-safe.
 */
public final class Accounts {
    /** How long a set-password link works. */
    public static final Duration LINK_LIFETIME = Duration.ofHours(24);

    public static final int MAX_EMAIL_LENGTH = 320;

    // Deliberately loose (RFC 5321 allows far more than any pattern gets right): one @, something on each side, a dot
    // in the domain, no spaces or control characters. The address is a sign-in name here; nothing is mailed to it.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+");

    private final AccountStore store;
    private final Passwords passwords;
    private final SecureRandom random;
    private final Clock clock;

    public Accounts(AccountStore store, Passwords passwords, SecureRandom random, Clock clock) {
        this.store = store;
        this.passwords = passwords;
        this.random = random;
        this.clock = clock;
    }

    /** What {@link #create} did. */
    public sealed interface Creation {}

    /** The account, and the token of its first set-password link (shown once). */
    public record Created(Account account, String linkToken) implements Creation {
        @Override
        public String toString() {
            return "Created[account=" + account.id() + "]";
        }
    }

    /** Another account has the email. */
    public record EmailTaken(String email) implements Creation {}

    /** What {@link #authenticate} found. */
    public sealed interface Authentication {}

    public record Authenticated(Account account) implements Authentication {}

    /** No account has the email, or it has no password yet: answered as a wrong password is. */
    public record UnknownAccount() implements Authentication {}

    public record WrongPassword(Account account) implements Authentication {}

    /** The email as accounts store it (stripped, lower-cased), or empty when it is not an address. */
    public static Optional<String> email(String raw) {
        String email = raw.strip().toLowerCase(Locale.ROOT);
        if (email.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(email).matches()) {
            return Optional.empty();
        }
        return Optional.of(email);
    }

    /** Creates an account without a password, and its first set-password link. {@code email} is {@link #email}'s. */
    public Creation create(String email, Role role) {
        Account account = new Account("acc_" + randomText(16), email, role, false, clock.instant());
        if (!store.insert(account)) {
            return new EmailTaken(email);
        }
        return new Created(account, newLink(account.id()));
    }

    /** A new set-password link for the account (the reset); empty when it does not exist. */
    public Optional<String> passwordLink(String accountId) {
        return store.find(accountId).map(account -> newLink(account.id()));
    }

    /**
     * Sets the password through a link's token; the password must have no {@link Passwords#weakness}.
     *
     * @return the account, or empty when the token is unknown, used or expired
     */
    public Optional<Account> setPassword(String token, String password) {
        String digest = Sha256.hex(token);
        // Looked up before hashing, so that made-up tokens cost no Argon2id work; used after, in one transaction.
        if (!store.passwordLinkLive(digest, clock.instant())) {
            return Optional.empty();
        }
        String hash = passwords.hash(password);
        return store.usePasswordLink(digest, hash, clock.instant()).flatMap(store::find);
    }

    /** Checks an email (as {@link #email} makes it) and password. Costs one Argon2id check, whether or not it exists. */
    public Authentication authenticate(String email, String password) {
        Optional<Account> account = store.findByEmail(email);
        Optional<String> hash = account.flatMap(found -> store.passwordHash(found.id()));
        if (hash.isEmpty()) {
            passwords.matchesNothing(password);
            return new UnknownAccount();
        }
        return passwords.matches(password, hash.get())
                ? new Authenticated(account.get())
                : new WrongPassword(account.get());
    }

    public Optional<Account> find(String id) {
        return store.find(id);
    }

    public List<Account> list() {
        return store.list();
    }

    public long count() {
        return store.count();
    }

    /** Whether the account may administer the application. */
    public boolean owns(String accountId, String applicationId) {
        return store.isMember(applicationId, accountId);
    }

    /** The applications the account may administer. */
    public List<String> applicationsOf(String accountId) {
        return store.applicationsOf(accountId);
    }

    /** The accounts that may administer the application. */
    public List<String> membersOf(String applicationId) {
        return store.membersOf(applicationId);
    }

    /** Lets the account administer the application; false when it already could. */
    public boolean grant(String applicationId, String accountId) {
        return store.grant(applicationId, accountId, clock.instant());
    }

    private String newLink(String accountId) {
        String token = randomText(32);
        Instant now = clock.instant();
        store.addPasswordLink(accountId, Sha256.hex(token), now, now.plus(LINK_LIFETIME));
        return token;
    }

    private String randomText(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
