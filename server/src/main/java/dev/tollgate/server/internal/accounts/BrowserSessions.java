package dev.tollgate.server.internal.accounts;

import dev.tollgate.server.internal.keys.Sha256;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Browser sessions, stored in the database so that every node behind one database knows them: the cookie's value is
 * 256 random bits, the store keeps its SHA-256. A session ends at its idle timeout (no request for that long), at its
 * absolute timeout (that long after sign-in, however busy), at sign-out, or when its account's password is set.
 *
 * <p>The CSRF token is derived from the cookie's value (SHA-256 over a label and the value), so it needs no storage
 * and is the same in every answer of a session; the stored digest is of the value alone, so the database does not
 * give the CSRF token away either. Comparisons are constant-time.
 *
 * <p>The last sign of life is written at most once per {@link #TOUCH_EVERY}, not on every request: the idle timeout is
 * then exact to that much. Thread-safe.
 */
public final class BrowserSessions {
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final BrowserSessionStore store;
    private final AccountStore accounts;
    private final SessionCookie cookie;
    private final SecureRandom random;
    private final Clock clock;
    private final Duration idle;
    private final Duration absolute;

    public BrowserSessions(
            BrowserSessionStore store,
            AccountStore accounts,
            SessionCookie cookie,
            SecureRandom random,
            Clock clock,
            Duration idle,
            Duration absolute) {
        if (idle.compareTo(Duration.ofMinutes(1)) < 0 || absolute.compareTo(idle) < 0) {
            throw new IllegalArgumentException(
                    "a browser session's idle timeout is at least a minute and its absolute one at least as long");
        }
        this.store = store;
        this.accounts = accounts;
        this.cookie = cookie;
        this.random = random;
        this.clock = clock;
        this.idle = idle;
        this.absolute = absolute;
    }

    /** A session just opened: the cookie's value (to set once, never stored) and its CSRF token. */
    public record Opened(String cookieValue, String csrfToken, Instant expiresAt) {
        @Override
        public String toString() {
            return "Opened[expiresAt=" + expiresAt + "]";
        }
    }

    /** A live session and its account. */
    public record SignedIn(Account account, String cookieValue, String csrfToken) {
        public SignedIn {
            Objects.requireNonNull(account, "account");
        }

        /** Whether {@code presented} is this session's CSRF token, compared in constant time. */
        public boolean csrfMatches(String presented) {
            return MessageDigest.isEqual(Sha256.digest(csrfToken), Sha256.digest(presented));
        }

        @Override
        public String toString() {
            return "SignedIn[account=" + account.id() + "]";
        }
    }

    public SessionCookie cookie() {
        return cookie;
    }

    /** Opens a session for the account; its ended sessions are deleted on the way. */
    public Opened open(Account account) {
        Instant now = clock.instant();
        store.deleteEnded(account.id(), now, now.minus(idle));
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant expiresAt = now.plus(absolute);
        store.insert(Sha256.hex(value), account.id(), now, expiresAt);
        return new Opened(value, csrfToken(value), expiresAt);
    }

    /** The live session of a cookie's value, which counts as a sign of life; empty when it has ended or never was. */
    public Optional<SignedIn> find(String cookieValue) {
        String digest = Sha256.hex(cookieValue);
        Optional<BrowserSessionStore.Stored> stored = store.find(digest);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        BrowserSessionStore.Stored session = stored.get();
        if (!now.isBefore(session.expiresAt())
                || !now.isBefore(session.lastSeenAt().plus(idle))) {
            store.delete(digest);
            return Optional.empty();
        }
        Optional<Account> account = accounts.find(session.accountId());
        if (account.isEmpty()) {
            return Optional.empty();
        }
        if (!now.isBefore(session.lastSeenAt().plus(TOUCH_EVERY))) {
            store.touch(digest, now);
        }
        return Optional.of(new SignedIn(account.get(), cookieValue, csrfToken(cookieValue)));
    }

    /** Ends the session of a cookie's value. */
    public void end(String cookieValue) {
        store.delete(Sha256.hex(cookieValue));
    }

    /** Ends every session of the account; how many. */
    public int endAll(String accountId) {
        return store.deleteAll(accountId);
    }

    private static String csrfToken(String cookieValue) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(Sha256.digest("tollgate-csrf-token\n" + cookieValue));
    }
}
