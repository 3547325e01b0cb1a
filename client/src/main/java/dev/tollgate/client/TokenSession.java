package dev.tollgate.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Holds a client's token and replaces it before it expires, as the Dolby SDKs do after {@code initializeToken}: the
 * {@link TokenRefresher} is called at ½ and ¾ of the token's lifetime and at expiry (then with {@code isExpired =
 * true}); the first token it returns replaces the current one atomically, listeners hear of it, and the timeline
 * starts again from the new token's lifetime. Failures are retried with exponential backoff; an attempt still
 * pending at the next checkpoint, or after the refresh timeout, is abandoned.
 *
 * <p>The timeline (checkpoints, timeouts, retries, listeners) runs on one scheduler thread; the refresher is called
 * elsewhere, on a new daemon thread per attempt by default, so a refresher that blocks delays neither the timeline
 * nor the caller.
 *
 * <pre>{@code
 * TokenSession session = TokenSession.initialize(token, isExpired -> backend.fetchTokenAsync());
 * String current = session.token();
 * session.close();
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} cancels everything, interrupts a refresher still running on the session's own
 * thread, and stops the session's own scheduler thread.
 */
public final class TokenSession implements AutoCloseable {
    /**
     * Where a listener's exception goes (through {@link System.Logger}: this module has no logging dependency, and
     * the JDK routes it to java.util.logging or to whatever the application installs, such as SLF4J's bridge).
     */
    private static final System.Logger LOG = System.getLogger(TokenSession.class.getName());

    // Far beyond any token's life; keeps the delay in milliseconds from overflowing for absurd expiry claims.
    private static final long MAX_DELAY_SECONDS = Long.MAX_VALUE / 1000 - 1;

    private final Object lock = new Object();
    private final TokenRefresher refresher;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final Executor refresherExecutor;
    private final boolean ownsRefresherThreads;
    private final Duration refreshTimeout;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final TollgateClient client;
    private final List<TokenListener> listeners = new CopyOnWriteArrayList<>();

    // The token and its lifetime change together, in one write, so no reader sees one without the other.
    private volatile Held held;

    // Guarded by lock.
    private int generation;
    private int failures;
    private boolean expiredNotified;
    private int attempt;
    private boolean inFlight;
    private boolean closed;
    private Thread refresherThread;
    private final List<ScheduledFuture<?>> checkpoints = new ArrayList<>();
    private ScheduledFuture<?> retry;
    private ScheduledFuture<?> timeout;

    /** The token with the lifetime read from it. */
    private record Held(String token, TokenLifetime lifetime) {}

    private TokenSession(Builder builder, String token, TokenRefresher refresher, TokenLifetime lifetime) {
        this.refresher = refresher;
        this.clock = builder.clock;
        this.ownsScheduler = builder.scheduler == null;
        this.scheduler = ownsScheduler
                ? Executors.newSingleThreadScheduledExecutor(daemonThreads("tollgate-token-session"))
                : builder.scheduler;
        this.ownsRefresherThreads = builder.refresherExecutor == null;
        ThreadFactory refresherThreads = daemonThreads("tollgate-token-refresher");
        this.refresherExecutor =
                ownsRefresherThreads ? task -> refresherThreads.newThread(task).start() : builder.refresherExecutor;
        this.refreshTimeout = builder.refreshTimeout;
        this.initialBackoff = builder.initialBackoff;
        this.maxBackoff = builder.maxBackoff;
        this.client = builder.client;
        this.listeners.addAll(builder.listeners);
        this.held = new Held(token, lifetime);
    }

    /**
     * Daemon platform threads, so a session never keeps the JVM alive. The refresher gets a new one per attempt
     * rather than a virtual thread: this module runs on Java 17, which has none, and one code path on every runtime
     * is the one the tests check. Attempts are a few per token lifetime, so the cost of a platform thread is moot.
     */
    private static ThreadFactory daemonThreads(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Starts a session with the default settings (system clock, its own daemon thread). */
    public static TokenSession initialize(String token, TokenRefresher refresher) {
        return builder().initialize(token, refresher);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The current token. */
    public String token() {
        return held.token();
    }

    /** When the current token expires. */
    public Instant expiresAt() {
        return held.lifetime().expiresAt();
    }

    /**
     * The current token together with its expiry, read at once: unlike {@link #token()} followed by {@link
     * #expiresAt()}, a refresh between the two calls cannot pair one token with another's expiry.
     */
    public CurrentToken current() {
        Held now = held;
        return new CurrentToken(now.token(), now.lifetime().expiresAt());
    }

    public void addListener(TokenListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
    }

    public void removeListener(TokenListener listener) {
        listeners.remove(listener);
    }

    /**
     * Opens a platform session with the current token ({@code POST /v1/sessions}). With a client access token that
     * carries an external ID, the server uses the token's identity and disregards {@code participant} (the seed's
     * impersonation defence); the answer says which identity won.
     *
     * @throws IllegalStateException if the session was built without a {@link TollgateClient}
     * @throws TollgateException if the server refuses
     */
    public OpenedSession open(ParticipantInfo participant) {
        if (client == null) {
            throw new IllegalStateException(
                    "open() needs a TollgateClient: set one with TokenSession.builder().client(...)");
        }
        return client.openSession(token(), participant);
    }

    /**
     * Stops all refreshing; a refresh still in flight is ignored when it completes, and a refresher blocked on the
     * session's own thread is interrupted. Returns without waiting for anything. Idempotent.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closeLocked();
        }
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
    }

    private void start() {
        synchronized (lock) {
            planCheckpoints();
        }
    }

    // ---- timeline (callers hold the lock) ----

    private void closeLocked() {
        closed = true;
        cancelAll();
        interruptRefresher();
    }

    private void planCheckpoints() {
        checkpoints.forEach(future -> future.cancel(false));
        checkpoints.clear();
        TokenLifetime lifetime = held.lifetime();
        Instant issued = lifetime.issuedAt();
        Duration length = Duration.between(issued, lifetime.expiresAt());
        if (length.isNegative()) {
            length = Duration.ZERO;
        }
        int current = generation;
        Instant now = clock.instant();
        Instant half = issued.plus(length.dividedBy(2));
        Instant threeQuarters = issued.plus(length.multipliedBy(3).dividedBy(4));
        if (half.isAfter(now)) {
            addCheckpoint(half, () -> onCheckpoint(current, false));
        }
        if (threeQuarters.isAfter(now)) {
            addCheckpoint(threeQuarters, () -> onCheckpoint(current, false));
        }
        addCheckpoint(lifetime.expiresAt(), () -> onCheckpoint(current, true));
    }

    private void addCheckpoint(Instant at, Runnable task) {
        ScheduledFuture<?> future = schedule(at, task);
        if (future != null) {
            checkpoints.add(future);
        }
    }

    /**
     * Schedules {@code task} at {@code at}, or returns null when the session is closed. A scheduler that refuses was
     * shut down by its owner: the session closes itself rather than throw out of {@code initialize} or a task.
     */
    private ScheduledFuture<?> schedule(Instant at, Runnable task) {
        if (closed) {
            return null;
        }
        try {
            return scheduler.schedule(task, delayMillis(clock.instant(), at), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shutDown) {
            closeLocked();
            return null;
        }
    }

    /**
     * Whole milliseconds from {@code now} to {@code at}, rounded UP: a checkpoint that fires even a fraction of a
     * millisecond early would find the token not yet expired.
     */
    static long delayMillis(Instant now, Instant at) {
        Duration delay = Duration.between(now, at);
        if (delay.isNegative() || delay.isZero()) {
            return 0;
        }
        if (delay.getSeconds() >= MAX_DELAY_SECONDS) {
            return MAX_DELAY_SECONDS * 1000;
        }
        return delay.getSeconds() * 1000 + (delay.getNano() + 999_999) / 1_000_000;
    }

    private void cancelAll() {
        checkpoints.forEach(future -> future.cancel(false));
        checkpoints.clear();
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }

    /** Interrupts a refresher blocked on the session's own thread: nothing will use its answer. */
    private void interruptRefresher() {
        if (refresherThread != null) {
            refresherThread.interrupt();
            refresherThread = null;
        }
    }

    private void onCheckpoint(int expectedGeneration, boolean expiry) {
        boolean notifyExpired = false;
        Runnable abandoned = null;
        synchronized (lock) {
            if (closed || expectedGeneration != generation) {
                return;
            }
            if (expiry && !expiredNotified) {
                expiredNotified = true;
                notifyExpired = true;
            }
            if (inFlight) {
                // A hung attempt must not hold back the next checkpoint: give up on it and ask again.
                abandoned =
                        failAttempt(new TimeoutException("the refresher did not answer before the next checkpoint"));
            }
        }
        if (abandoned != null) {
            abandoned.run();
        }
        if (notifyExpired) {
            notify("onTokenExpired", TokenListener::onTokenExpired);
        }
        attempt(expiry);
    }

    /**
     * Starts one refresh attempt. {@code atExpiry} comes from the checkpoint that fired: the flag must not depend on
     * re-reading a clock that may lag the scheduler, which would call the last-chance refresh with false.
     */
    private void attempt(boolean atExpiry) {
        int id;
        boolean isExpired;
        synchronized (lock) {
            if (closed || inFlight) {
                return;
            }
            if (retry != null) {
                retry.cancel(false);
                retry = null;
            }
            id = ++attempt;
            Instant now = clock.instant();
            isExpired =
                    atExpiry || expiredNotified || !now.isBefore(held.lifetime().expiresAt());
            timeout = schedule(now.plus(refreshTimeout), () -> onAttemptDone(id, null, timeoutError()));
            if (closed) {
                return; // the scheduler was shut down
            }
            inFlight = true;
        }
        try {
            refresherExecutor.execute(() -> callRefresher(id, isExpired));
        } catch (RejectedExecutionException e) {
            onAttemptDone(id, null, e);
        }
    }

    /** Runs off the timeline: the refresher may block without delaying checkpoints, timeouts or close(). */
    private void callRefresher(int id, boolean isExpired) {
        synchronized (lock) {
            if (closed || id != attempt || !inFlight) {
                return; // abandoned before it started
            }
            if (ownsRefresherThreads) {
                refresherThread = Thread.currentThread();
            }
        }
        CompletionStage<String> stage;
        try {
            stage = Objects.requireNonNull(refresher.refresh(isExpired), "the refresher returned no stage");
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        } finally {
            synchronized (lock) {
                if (refresherThread == Thread.currentThread()) {
                    refresherThread = null;
                }
            }
        }
        stage.whenComplete((newToken, error) -> handOver(() -> onAttemptDone(id, newToken, error)));
    }

    /** Brings an answer back onto the timeline's thread, where listeners run. */
    private void handOver(Runnable task) {
        try {
            scheduler.execute(task);
        } catch (RejectedExecutionException shutDown) {
            // Closed, or the owner shut the scheduler down: either way nothing will run the timeline again.
            synchronized (lock) {
                if (!closed) {
                    closeLocked();
                }
            }
        }
    }

    private TimeoutException timeoutError() {
        return new TimeoutException("the refresher did not answer within " + refreshTimeout);
    }

    private void onAttemptDone(int id, String newToken, Throwable error) {
        Runnable after;
        synchronized (lock) {
            if (closed || id != attempt || !inFlight) {
                return; // late answer of an abandoned or timed-out attempt
            }
            if (timeout != null) {
                timeout.cancel(false);
                timeout = null;
            }
            if (error == null && newToken == null) {
                after = failAttempt(new IllegalArgumentException("the refresher completed without a token"));
            } else if (error == null) {
                Instant now = clock.instant();
                TokenLifetime next = TokenLifetime.of(newToken, now).orElse(null);
                if (newToken.equals(held.token())
                        && next != null
                        && next.expiresAt().isAfter(now)) {
                    // The backend handed back the token the session already holds (a cache, say): it is still
                    // valid, so nothing changes and the next checkpoint asks again.
                    inFlight = false;
                    failures = 0;
                    after = () -> {};
                } else if (next != null && next.expiresAt().isAfter(now)) {
                    inFlight = false;
                    held = new Held(newToken, next);
                    generation++;
                    failures = 0;
                    expiredNotified = false;
                    planCheckpoints();
                    after = () -> notify("onTokenRefreshed", listener -> listener.onTokenRefreshed(newToken));
                } else {
                    after = failAttempt(new IllegalArgumentException(
                            "the refresher returned a token that is unreadable or already expired"));
                }
            } else {
                after = failAttempt(error);
            }
        }
        after.run();
    }

    /** Records a failed attempt and schedules a retry; returns the notification to run outside the lock. */
    private Runnable failAttempt(Throwable error) {
        inFlight = false;
        interruptRefresher();
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
        int count = ++failures;
        Duration backoff = initialBackoff.multipliedBy(1L << Math.min(count - 1, 20));
        if (backoff.compareTo(maxBackoff) > 0) {
            backoff = maxBackoff;
        }
        if (retry != null) {
            retry.cancel(false);
        }
        retry = schedule(clock.instant().plus(backoff), () -> attempt(false));
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return () -> notify("onRefreshFailed", listener -> listener.onRefreshFailed(cause, count));
    }

    private void notify(String event, Consumer<TokenListener> call) {
        for (TokenListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                // A listener's bug must stop neither the refresh timeline nor the other listeners, and must not
                // vanish either. The message names the listener and the event, never the token.
                LOG.log(
                        System.Logger.Level.WARNING,
                        () -> "TokenListener " + listener.getClass().getName() + " threw from " + event
                                + "; the session goes on",
                        e);
            }
        }
    }

    /** Configures and starts {@link TokenSession}s; reusable, not thread-safe. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private ScheduledExecutorService scheduler;
        private Executor refresherExecutor;
        private Duration refreshTimeout = Duration.ofSeconds(30);
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private TollgateClient client;
        private final List<TokenListener> listeners = new ArrayList<>();

        private Builder() {}

        /** The clock the timeline is computed with (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /**
         * Runs the timeline on this scheduler instead of the session's own daemon thread; the caller then owns its
         * shutdown. A session whose scheduler is shut down stops refreshing, as if closed, and keeps its last token.
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
            return this;
        }

        /**
         * Calls the refresher on this executor instead of a new daemon thread per attempt (the default). The
         * session cannot interrupt a refresher blocked on an executor it does not own; it abandons the attempt at the
         * timeout all the same. An executor that rejects the call counts as a failed attempt.
         */
        public Builder refresherExecutor(Executor executor) {
            this.refresherExecutor = Objects.requireNonNull(executor, "executor must not be null");
            return this;
        }

        /** How long one refresh may take before it counts as failed (default 30 s). */
        public Builder refreshTimeout(Duration timeout) {
            this.refreshTimeout = positive(timeout, "refreshTimeout");
            return this;
        }

        /** The first retry delay after a failure, doubled for each further failure (default 1 s). */
        public Builder initialBackoff(Duration backoff) {
            this.initialBackoff = positive(backoff, "initialBackoff");
            return this;
        }

        /** The longest retry delay (default 30 s). */
        public Builder maxBackoff(Duration backoff) {
            this.maxBackoff = positive(backoff, "maxBackoff");
            return this;
        }

        /** The client {@link TokenSession#open} talks to. */
        public Builder client(TollgateClient client) {
            this.client = Objects.requireNonNull(client, "client must not be null");
            return this;
        }

        public Builder listener(TokenListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
            return this;
        }

        /**
         * Starts a session holding {@code token}.
         *
         * @throws IllegalArgumentException if the token is neither a JWT with {@code exp} nor a DIGEST token
         */
        public TokenSession initialize(String token, TokenRefresher refresher) {
            Objects.requireNonNull(token, "token must not be null");
            Objects.requireNonNull(refresher, "refresher must not be null");
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalStateException(
                        "maxBackoff " + maxBackoff + " is below initialBackoff " + initialBackoff);
            }
            TokenLifetime lifetime = TokenLifetime.of(token, clock.instant())
                    .orElseThrow(() -> new IllegalArgumentException(
                            "the token has no readable expiry: expected a JWT with exp or a DIGEST token"));
            TokenSession session = new TokenSession(this, token, refresher, lifetime);
            session.start();
            return session;
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name + " must not be null");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }
}
