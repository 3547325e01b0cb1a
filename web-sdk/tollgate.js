// Tollgate's browser SDK: one dependency-free ES module (docs/web-sdk.md). The server serves this very file at
// /sdk/tollgate.js; `npm install ./web-sdk` installs it too. The refresh timeline is the Java SDK's TokenSession
// (client/src/main/java/dev/tollgate/client/TokenSession.java), rule for rule; test/ holds its tests, ported.

/** The SDK's version: the server's version (WhenAPageLoadsTheBrowserSdk checks that they are equal). */
export const VERSION = "0.1.0-SNAPSHOT";

/** How long one API call may take before it fails with `timeout`, as the Java client's default. */
const CALL_TIMEOUT_MS = 10_000;

/** setTimeout fires at once for a delay beyond a signed 32-bit count of milliseconds (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The range of a JavaScript Date, in milliseconds either side of the epoch. */
const MAX_DATE_MS = 8.64e15;

/** The range of a Java Instant in epoch seconds: within it the Java SDK reads an `exp`, beyond it it does not. */
const MAX_INSTANT_SECONDS = 31556889864403199;

/** The server's limit on a DIGEST token (DigestTokens.MAX_TOKEN_LENGTH, docs/tokens.md). */
const MAX_DIGEST_LENGTH = 16 * 1024;

/**
 * A call to Tollgate failed. `code` is the server's stable code (`invalid_client`, `insufficient_scope`,
 * `unknown-token-ref`, ... docs/error-codes.md) or one of the SDK's own, as the Java SDK's: `unreachable`, `timeout`,
 * `bad-response`, or `http-NNN` for an error status whose body carries no code (a proxy's page). `status` is the HTTP
 * status when an answer arrived, else undefined. The message is the server's safe description.
 */
export class TollgateError extends Error {
    constructor(code, message, status) {
        super(message);
        this.name = "TollgateError";
        this.code = code;
        this.status = status;
    }
}

/** A refresher that did not answer in time, named as the platform names timeouts (AbortSignal.timeout). */
function timeoutError(message) {
    const error = new Error(message);
    error.name = "TimeoutError";
    return error;
}

// ---- reading a token's lifetime (without verification: the client holds no key, the server verifies) ----

function decodeBase64(text, alphabet) {
    if (!alphabet.test(text)) {
        return null;
    }
    try {
        const binary = atob(
            text
                .replace(/-/g, "+")
                .replace(/_/g, "/")
                .padEnd(Math.ceil(text.length / 4) * 4, "="),
        );
        const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
        // Malformed UTF-8 is refused, not replaced, as the server's strict decoder does.
        return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
        return null;
    }
}

function parseObject(text) {
    if (text == null) {
        return null;
    }
    try {
        const value = JSON.parse(text);
        return value !== null && typeof value === "object" && !Array.isArray(value) ? value : null;
    } catch {
        return null;
    }
}

/** A DIGEST token's envelope and claims (docs/tokens.md "Format"), or null. */
function decodeDigest(token) {
    if (token.length > MAX_DIGEST_LENGTH) {
        return null;
    }
    const envelope = parseObject(decodeBase64(token.slice("DIGEST:".length), /^[A-Za-z0-9+/]*={0,2}$/));
    if (
        envelope === null ||
        ["applicationId", "digest", "token"].some((key) => typeof envelope[key] !== "string" || envelope[key] === "")
    ) {
        return null;
    }
    const claims = parseObject(envelope.token);
    if (claims === null || !Number.isInteger(claims.expires) || Math.abs(claims.expires) > 2 ** 63) {
        return null;
    }
    return { applicationId: envelope.applicationId, claims };
}

/** Epoch seconds as milliseconds, or null where the Java SDK's Instant could not hold them. */
function secondsToMillis(seconds) {
    if (typeof seconds !== "number" || !Number.isFinite(seconds)) {
        return null;
    }
    const whole = Math.trunc(seconds);
    if (Math.abs(whole) > MAX_INSTANT_SECONDS) {
        return null;
    }
    // Beyond a Date's range but within an Instant's: as far away as a Date can say.
    return Math.max(-MAX_DATE_MS, Math.min(MAX_DATE_MS, whole * 1000));
}

/**
 * When a token was issued and when it expires, in epoch milliseconds, read without verification; null when the token
 * is neither a JWT with `exp` nor a DIGEST token. JWTs give `iat` and `exp` in seconds; DIGEST tokens give `expires` in
 * milliseconds and no issue time, so `receivedAt` (when the session got the token) stands in for it.
 */
export function tokenLifetime(token, receivedAt = Date.now()) {
    if (typeof token !== "string") {
        return null;
    }
    if (token.startsWith("DIGEST:")) {
        const digest = decodeDigest(token);
        if (digest === null) {
            return null;
        }
        return {
            issuedAt: receivedAt,
            expiresAt: Math.max(-MAX_DATE_MS, Math.min(MAX_DATE_MS, digest.claims.expires)),
        };
    }
    const parts = token.split(".");
    if (parts.length !== 3) {
        return null;
    }
    const claims = parseObject(decodeBase64(parts[1], /^[A-Za-z0-9_-]*={0,2}$/));
    if (claims === null) {
        return null;
    }
    const expiresAt = secondsToMillis(claims.exp);
    if (expiresAt === null) {
        return null;
    }
    // As the Java SDK: an iat that is no number a long can hold is ignored (the receipt stands in); one a long holds
    // but an Instant cannot makes the token unreadable.
    const readableIat = typeof claims.iat === "number" && Number.isFinite(claims.iat) && Math.abs(claims.iat) < 2 ** 63;
    const issuedAt = readableIat ? secondsToMillis(claims.iat) : receivedAt;
    return issuedAt === null ? null : { issuedAt, expiresAt };
}

// ---- the timeline: tasks at wall-clock times, so that a tab that slept catches up at once ----

/**
 * Runs tasks at wall-clock times (Date.now()). One timer waits for the earliest task; a periodic check and the page's
 * `visibilitychange` and `pageshow` run every task that is due. A browser suspends timers while the machine sleeps
 * and throttles them in a hidden tab, so a timer alone fires late by as long as the tab slept; the periodic check and
 * the page's events compare the wall clock instead, and a missed checkpoint fires at once.
 */
class Timeline {
    #tasks = [];
    #sequence = 0;
    #timer = null;
    #interval = null;
    #document;
    #onPageEvent = () => this.#runDue();

    constructor(wallClockCheckMs, document) {
        this.#interval = setInterval(this.#onPageEvent, wallClockCheckMs);
        unref(this.#interval);
        this.#document = document;
        if (document && typeof document.addEventListener === "function") {
            document.addEventListener("visibilitychange", this.#onPageEvent);
            globalThis.addEventListener?.("pageshow", this.#onPageEvent);
        }
    }

    /** Runs `task` at `at` (epoch ms), or at once when that has passed; the answer's cancel() drops it. */
    schedule(at, task) {
        const entry = { at, sequence: this.#sequence++, task, cancelled: false };
        this.#tasks.push(entry);
        this.#tasks.sort((a, b) => a.at - b.at || a.sequence - b.sequence);
        this.#arm();
        return {
            cancel: () => {
                entry.cancelled = true;
                this.#tasks = this.#tasks.filter((other) => other !== entry);
            },
        };
    }

    /** How many tasks wait. */
    get pending() {
        return this.#tasks.length;
    }

    stop() {
        this.#tasks = [];
        clearTimeout(this.#timer);
        clearInterval(this.#interval);
        this.#timer = null;
        if (this.#document && typeof this.#document.removeEventListener === "function") {
            this.#document.removeEventListener("visibilitychange", this.#onPageEvent);
            globalThis.removeEventListener?.("pageshow", this.#onPageEvent);
        }
    }

    #arm() {
        clearTimeout(this.#timer);
        this.#timer = null;
        if (this.#tasks.length === 0) {
            return;
        }
        // Whole milliseconds, rounded up, as the Java SDK's delayMillis: a checkpoint that fired a fraction early would
        // find the token not yet expired. A delay past the timer's range fires early, finds nothing due and re-arms.
        const delay = Math.min(MAX_TIMER_MS, Math.max(0, Math.ceil(this.#tasks[0].at - Date.now())));
        this.#timer = setTimeout(() => this.#runDue(), delay);
        unref(this.#timer);
    }

    #runDue() {
        // A task that schedules another, already due, runs it in this same pass, after the tasks due before it.
        while (this.#tasks.length > 0 && this.#tasks[0].at <= Date.now()) {
            const entry = this.#tasks.shift();
            if (!entry.cancelled) {
                try {
                    entry.task();
                } catch (error) {
                    // A fault must not stall the timeline: the rest still run and the timer is re-armed. Thrown
                    // again outside, it reaches the page's error handlers as an uncaught error would.
                    queueMicrotask(() => {
                        throw error;
                    });
                }
            }
        }
        this.#arm();
    }
}

/** Under Node a pending timer keeps the process alive; a session must not (the Java SDK's threads are daemons). */
function unref(timer) {
    if (timer !== null && typeof timer === "object" && typeof timer.unref === "function") {
        timer.unref();
    }
}

function positive(value, name) {
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
        throw new RangeError(`${name} must be a positive number of milliseconds, was ${value}`);
    }
    return value;
}

// ---- the session ----

/**
 * Holds a client's token and replaces it before it expires, as the Dolby SDKs do after `initializeToken`: the
 * refresher is called at ½ and ¾ of the token's lifetime and at expiry (then with `isExpired = true`); the first token
 * it returns replaces the current one, listeners hear of it, and the timeline starts again from the new token's
 * lifetime. Failures are retried with exponential backoff; an attempt still pending at the next checkpoint, or after
 * the refresh timeout, is abandoned (its AbortSignal aborts) and its late answer ignored. The Java SDK's TokenSession,
 * rule for rule.
 */
export class TokenSession {
    #refresh;
    #listeners;
    #held;
    #refreshTimeoutMs;
    #initialBackoffMs;
    #maxBackoffMs;
    #baseUrl;
    #fetch;
    #logger;
    #timeline;
    #generation = 0;
    #failures = 0;
    #expiredNotified = false;
    #attempt = 0;
    #inFlight = false;
    #closed = false;
    #abort = null;
    #checkpoints = [];
    #retry = null;
    #timeout = null;

    /** Use initializeToken(token, refresh, options). */
    constructor(token, refresh, lifetime, options) {
        this.#refresh = refresh;
        this.#held = { token, lifetime };
        this.#refreshTimeoutMs = options.refreshTimeoutMs;
        this.#initialBackoffMs = options.initialBackoffMs;
        this.#maxBackoffMs = options.maxBackoffMs;
        this.#baseUrl = options.baseUrl;
        this.#fetch = options.fetch;
        this.#logger = options.logger;
        this.#listeners = [...options.listeners];
        this.#timeline = new Timeline(options.wallClockCheckMs, options.document);
        this.#planCheckpoints();
    }

    /** The current token. */
    token() {
        return this.#held.token;
    }

    /** When the current token expires. */
    expiresAt() {
        return new Date(this.#held.lifetime.expiresAt);
    }

    /** The current token with its expiry, read together. */
    current() {
        const held = this.#held;
        return { token: held.token, expiresAt: new Date(held.lifetime.expiresAt) };
    }

    /**
     * Adds an observer with any of `onTokenRefreshed(token)`, `onTokenExpired()` (once per token) and
     * `onRefreshFailed(cause, attempt)` (`attempt` counts the failures in a row for the current token, from 1).
     */
    addListener(listener) {
        if (listener === null || typeof listener !== "object") {
            throw new TypeError("a listener is an object with onTokenRefreshed, onTokenExpired or onRefreshFailed");
        }
        this.#listeners.push(listener);
    }

    removeListener(listener) {
        this.#listeners = this.#listeners.filter((other) => other !== listener);
    }

    /**
     * Opens a platform session with the current token (`POST /v1/sessions`). With a client access token that carries
     * an external ID, the server uses the token's identity and disregards `participantInfo`; the answer's
     * `identityFromToken` says which identity won.
     */
    open(participantInfo = {}) {
        return openSession(this.token(), participantInfo, { baseUrl: this.#baseUrl, fetch: this.#fetch });
    }

    /** playbackUrl(options) with the current token. */
    playbackUrl(options) {
        return playbackUrl({ apiBaseUrl: this.#baseUrl, fetch: this.#fetch, ...options, token: this.token() });
    }

    /** withToken(fetch) with the current token at each call, refreshed tokens included. */
    withToken(fetchImpl = globalThis.fetch, options = {}) {
        return withToken(fetchImpl, () => this.token(), { apiBaseUrl: this.#baseUrl, ...options });
    }

    /** Stops all refreshing; an answer still in flight is ignored, its AbortSignal aborts. Idempotent. */
    close() {
        if (this.#closed) {
            return;
        }
        this.#closed = true;
        this.#cancelAll();
        this.#abortRefresher();
        this.#timeline.stop();
    }

    // ---- timeline ----

    #planCheckpoints() {
        this.#checkpoints.forEach((checkpoint) => checkpoint.cancel());
        this.#checkpoints = [];
        const { issuedAt, expiresAt } = this.#held.lifetime;
        const length = Math.max(0, expiresAt - issuedAt);
        const current = this.#generation;
        const now = Date.now();
        const half = issuedAt + length / 2;
        const threeQuarters = issuedAt + (length * 3) / 4;
        // Checkpoints missed together (the tab slept past ½ and ¾) fire as one, the latest: the earlier one's attempt
        // would only be abandoned by the next a moment later, and counted as a failure.
        if (half > now) {
            this.#addCheckpoint(half, () => Date.now() < threeQuarters && this.#onCheckpoint(current, false));
        }
        if (threeQuarters > now) {
            this.#addCheckpoint(threeQuarters, () => Date.now() < expiresAt && this.#onCheckpoint(current, false));
        }
        this.#addCheckpoint(expiresAt, () => this.#onCheckpoint(current, true));
    }

    #addCheckpoint(at, task) {
        const checkpoint = this.#schedule(at, task);
        if (checkpoint !== null) {
            this.#checkpoints.push(checkpoint);
        }
    }

    #schedule(at, task) {
        return this.#closed ? null : this.#timeline.schedule(at, task);
    }

    #cancelAll() {
        this.#checkpoints.forEach((checkpoint) => checkpoint.cancel());
        this.#checkpoints = [];
        this.#retry?.cancel();
        this.#retry = null;
        this.#timeout?.cancel();
        this.#timeout = null;
    }

    /** Tells a refresher still running that nothing will use its answer (the Java SDK interrupts its thread). */
    #abortRefresher() {
        if (this.#abort !== null) {
            this.#abort.abort(); // its reason: the platform's AbortError
            this.#abort = null;
        }
    }

    #onCheckpoint(expectedGeneration, expiry) {
        if (this.#closed || expectedGeneration !== this.#generation) {
            return;
        }
        let notifyExpired = false;
        if (expiry && !this.#expiredNotified) {
            this.#expiredNotified = true;
            notifyExpired = true;
        }
        let abandoned = null;
        if (this.#inFlight) {
            // A hung attempt must not hold back the next checkpoint: give up on it and ask again.
            abandoned = this.#failAttempt(timeoutError("the refresher did not answer before the next checkpoint"));
        }
        abandoned?.();
        if (notifyExpired) {
            this.#notify("onTokenExpired", (listener) => listener.onTokenExpired?.());
        }
        this.#startAttempt(expiry);
    }

    /**
     * Starts one refresh attempt. `atExpiry` comes from the checkpoint that fired: the flag must not depend on
     * re-reading a clock that may lag the timer, which would call the last-chance refresh with false.
     */
    #startAttempt(atExpiry) {
        if (this.#closed || this.#inFlight) {
            return;
        }
        this.#retry?.cancel();
        this.#retry = null;
        const id = ++this.#attempt;
        const now = Date.now();
        const isExpired = atExpiry || this.#expiredNotified || now >= this.#held.lifetime.expiresAt;
        this.#timeout = this.#schedule(now + this.#refreshTimeoutMs, () =>
            this.#onAttemptDone(
                id,
                undefined,
                timeoutError(`the refresher did not answer within ${this.#refreshTimeoutMs} ms`),
            ),
        );
        this.#inFlight = true;
        // Called from a microtask, not from inside this one: a refresher that calls back into the session (token(),
        // close()) finds it in a settled state.
        queueMicrotask(() => this.#callRefresher(id, isExpired));
    }

    #callRefresher(id, isExpired) {
        if (this.#closed || id !== this.#attempt || !this.#inFlight) {
            return; // abandoned before it started
        }
        const abort = new AbortController();
        this.#abort = abort;
        let answer;
        try {
            answer = this.#refresh(isExpired, { signal: abort.signal });
            if (answer === null || typeof answer !== "object" || typeof answer.then !== "function") {
                answer = Promise.reject(new TypeError("the refresher returned no Promise"));
            }
        } catch (error) {
            answer = Promise.reject(error);
        }
        Promise.resolve(answer).then(
            (token) => this.#onAttemptDone(id, token, undefined),
            (error) =>
                this.#onAttemptDone(
                    id,
                    undefined,
                    error ?? new Error("the refresher's Promise was rejected without a reason"),
                ),
        );
    }

    #onAttemptDone(id, newToken, error) {
        if (this.#closed || id !== this.#attempt || !this.#inFlight) {
            return; // the late answer of an abandoned or timed-out attempt
        }
        this.#timeout?.cancel();
        this.#timeout = null;
        let after;
        if (error === undefined && (newToken === undefined || newToken === null)) {
            after = this.#failAttempt(new TypeError("the refresher completed without a token"));
        } else if (error === undefined) {
            const now = Date.now();
            const next = tokenLifetime(newToken, now);
            if (newToken === this.#held.token && next !== null && next.expiresAt > now) {
                // The backend handed back the token the session already holds (a cache, say): it is still valid, so
                // nothing changes and the next checkpoint asks again.
                this.#inFlight = false;
                this.#abort = null;
                this.#failures = 0;
                after = () => {};
            } else if (next !== null && next.expiresAt > now) {
                this.#inFlight = false;
                this.#abort = null;
                this.#held = { token: newToken, lifetime: next };
                this.#generation++;
                this.#failures = 0;
                this.#expiredNotified = false;
                this.#planCheckpoints();
                after = () => this.#notify("onTokenRefreshed", (listener) => listener.onTokenRefreshed?.(newToken));
            } else {
                after = this.#failAttempt(
                    new TypeError("the refresher returned a token that is unreadable or already expired"),
                );
            }
        } else {
            after = this.#failAttempt(error);
        }
        after();
    }

    /** Records a failed attempt and schedules a retry; returns the notification to run once the state is settled. */
    #failAttempt(error) {
        this.#inFlight = false;
        this.#abortRefresher();
        this.#timeout?.cancel();
        this.#timeout = null;
        const count = ++this.#failures;
        const backoff = Math.min(this.#maxBackoffMs, this.#initialBackoffMs * 2 ** Math.min(count - 1, 20));
        this.#retry?.cancel();
        this.#retry = this.#schedule(Date.now() + backoff, () => this.#startAttempt(false));
        return () => this.#notify("onRefreshFailed", (listener) => listener.onRefreshFailed?.(error, count));
    }

    #notify(event, call) {
        for (const listener of this.#listeners) {
            try {
                call(listener);
            } catch (error) {
                // A listener's bug must stop neither the timeline nor the other listeners, and must not vanish
                // either. The message names the event, never the token.
                this.#logger.warn(`tollgate: a TokenListener threw from ${event}; the session goes on`, error);
            }
        }
    }
}

/** Where the SDK was served from: a page that loads /sdk/tollgate.js from Tollgate talks to that Tollgate. */
function defaultBaseUrl() {
    try {
        const url = new URL(import.meta.url);
        if ((url.protocol === "http:" || url.protocol === "https:") && url.pathname.endsWith("/sdk/tollgate.js")) {
            return url.origin + url.pathname.slice(0, -"/sdk/tollgate.js".length);
        }
    } catch {
        // A bundler's rewritten import.meta.url: the caller names the server.
    }
    return undefined;
}

function baseUrlOf(value, what) {
    const base = value ?? defaultBaseUrl();
    if (typeof base !== "string" || !/^https?:\/\//.test(base)) {
        throw new TypeError(
            `${what} needs Tollgate's baseUrl (https://tollgate.example): it defaults to where /sdk/tollgate.js was loaded from, and this copy was not`,
        );
    }
    return base.replace(/\/+$/, "");
}

/**
 * Starts a session holding `token` (a client access token, a JWT with `exp`, or a DIGEST token) and refreshing it
 * through `refresh(isExpired, {signal})`, which returns a Promise of the next token.
 *
 * Options: `baseUrl` (Tollgate, for open(); default: where this module was loaded from), `listeners`,
 * `refreshTimeoutMs` (30 000), `initialBackoffMs` (1 000, doubled per failure), `maxBackoffMs` (30 000),
 * `wallClockCheckMs` (1 000), `fetch`, `logger` (console), `document` (the page's).
 */
export function initializeToken(token, refresh, options = {}) {
    if (typeof token !== "string") {
        throw new TypeError("token must be a string");
    }
    if (typeof refresh !== "function") {
        throw new TypeError("refresh must be a function (isExpired) => Promise<string>");
    }
    const settings = {
        baseUrl: options.baseUrl,
        listeners: options.listeners ?? [],
        refreshTimeoutMs: positive(options.refreshTimeoutMs ?? 30_000, "refreshTimeoutMs"),
        initialBackoffMs: positive(options.initialBackoffMs ?? 1_000, "initialBackoffMs"),
        maxBackoffMs: positive(options.maxBackoffMs ?? 30_000, "maxBackoffMs"),
        wallClockCheckMs: positive(options.wallClockCheckMs ?? 1_000, "wallClockCheckMs"),
        fetch: options.fetch,
        logger: options.logger ?? console,
        document: options.document ?? globalThis.document,
    };
    if (settings.maxBackoffMs < settings.initialBackoffMs) {
        throw new RangeError(
            `maxBackoffMs ${settings.maxBackoffMs} is below initialBackoffMs ${settings.initialBackoffMs}`,
        );
    }
    const lifetime = tokenLifetime(token, Date.now());
    if (lifetime === null) {
        throw new TypeError("the token has no readable expiry: expected a JWT with exp or a DIGEST token");
    }
    return new TokenSession(token, refresh, lifetime, settings);
}

// ---- the API calls ----

/** The server's code and message of an error answer, as the Java SDK reads them. */
function errorOf(status, text) {
    let code = `http-${status}`;
    let message = `HTTP ${status}`;
    const body = parseObject(text);
    if (body !== null) {
        // OAuth2 paths answer {"error","error_description"} (RFC 6749 §5.2), the rest {"code","message"}.
        if (body.error != null) {
            code = String(body.error);
        } else if (body.code != null) {
            code = String(body.code);
        }
        if (body.error_description != null) {
            message = String(body.error_description);
        } else if (body.message != null) {
            message = String(body.message);
        }
    }
    return new TollgateError(code, message, status);
}

/** One JSON call to Tollgate: the answer's object, or a TollgateError. */
async function call(baseUrl, path, { bearer, body, fetchImpl }) {
    const fetcher = fetchImpl ?? globalThis.fetch;
    const headers = { Accept: "application/json", "Content-Type": "application/json" };
    if (bearer !== undefined) {
        headers.Authorization = `Bearer ${bearer}`;
    }
    let status;
    let text;
    try {
        const response = await fetcher(baseUrl + path, {
            method: "POST",
            headers,
            body: JSON.stringify(body),
            signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
        });
        status = response.status;
        text = await response.text();
    } catch (error) {
        if (error?.name === "TimeoutError" || error?.name === "AbortError") {
            throw new TollgateError("timeout", `no answer from ${baseUrl} within ${CALL_TIMEOUT_MS} ms`, status);
        }
        throw new TollgateError("unreachable", `cannot reach ${baseUrl}`, status);
    }
    if (status < 200 || status > 299) {
        throw errorOf(status, text);
    }
    const answer = parseObject(text);
    if (answer === null) {
        throw new TollgateError("bad-response", "the answer is not a JSON object", status);
    }
    return { answer, status };
}

function required(answer, field, type, status) {
    if (typeof answer[field] !== type) {
        throw new TollgateError("bad-response", `the answer lacks ${field}`, status);
    }
    return answer[field];
}

function participantBody(participantInfo) {
    const info = typeof participantInfo === "string" ? { name: participantInfo } : (participantInfo ?? {});
    if (typeof info !== "object") {
        throw new TypeError("participantInfo is a name or {name, externalId, avatarUrl}");
    }
    const participant = {};
    for (const field of ["externalId", "name", "avatarUrl"]) {
        if (info[field] !== undefined && info[field] !== null) {
            if (typeof info[field] !== "string") {
                throw new TypeError(`participantInfo.${field} must be a string`);
            }
            participant[field] = info[field];
        }
    }
    return { participant };
}

/**
 * Opens a platform session (`POST /v1/sessions`) with `token` (a client access token, a DIGEST token or its `tgr_`
 * reference). Resolves to `{sessionId, applicationId, participant: {externalId, name, avatarUrl}, identityFromToken,
 * permissions, tags, expiresAt}`: `identityFromToken` is true when the token named the participant, whose identity
 * then won over `participantInfo` (the seed's impersonation defence).
 */
export async function openSession(token, participantInfo = {}, { baseUrl, fetch: fetchImpl } = {}) {
    if (typeof token !== "string") {
        throw new TypeError("token must be a string");
    }
    const base = baseUrlOf(baseUrl, "openSession");
    const body = participantBody(participantInfo);
    const { answer, status } = await call(base, "/v1/sessions", { bearer: token, body, fetchImpl });
    const identity = answer.participant !== null && typeof answer.participant === "object" ? answer.participant : {};
    const expiresAt = new Date(required(answer, "expiresAt", "string", status));
    if (Number.isNaN(expiresAt.getTime())) {
        throw new TollgateError("bad-response", "the answer has a bad expiresAt", status);
    }
    return {
        sessionId: required(answer, "sessionId", "string", status),
        applicationId: answer.applicationId,
        participant: {
            externalId: typeof identity.externalId === "string" ? identity.externalId : undefined,
            name: typeof identity.name === "string" ? identity.name : undefined,
            avatarUrl: typeof identity.avatarUrl === "string" ? identity.avatarUrl : undefined,
        },
        identityFromToken: identity.verified === true,
        permissions: Array.isArray(answer.permissions) ? answer.permissions : [],
        tags: Array.isArray(answer.tags) ? answer.tags : [],
        expiresAt,
    };
}

/**
 * Exchanges a DIGEST token for its short reference (`POST /v1/token-refs`): `{ref, applicationId, expiresAt}`, the
 * `tgr_…` reference lives as long as the token. Asking twice for one token gives the same reference.
 */
export async function createTokenRef(token, { baseUrl, fetch: fetchImpl } = {}) {
    if (typeof token !== "string") {
        throw new TypeError("token must be a string");
    }
    const base = baseUrlOf(baseUrl, "createTokenRef");
    const { answer, status } = await call(base, "/v1/token-refs", { body: { token }, fetchImpl });
    return {
        ref: required(answer, "ref", "string", status),
        applicationId: required(answer, "applicationId", "string", status),
        expiresAt: new Date(required(answer, "expiresAt", "number", status)),
    };
}

// ---- playback (WebSDK 2.0 style: a viewing token only) ----

/**
 * The longest playlist URL the SDK puts a token in; a longer one carries the token's `tgr_` reference. 2,048
 * characters is what every browser, player, proxy and access log keeps whole; a DIGEST token, once percent-encoded,
 * is 500 to 1,100 of them, and its limit is 16 KiB.
 */
export const MAX_URL_LENGTH = 2048;

/** A cache of references by token, so that a player's every fetch does not create one. */
const refs = new Map();

async function referenceFor(token, options) {
    const cached = refs.get(token);
    if (cached !== undefined && cached.expiresAt.getTime() > Date.now()) {
        return cached;
    }
    const created = await createTokenRef(token, { baseUrl: options.apiBaseUrl, fetch: options.fetch });
    refs.clear(); // one token at a time is current: the old one's reference is not needed again
    refs.set(token, created);
    return created;
}

function streamOf(options) {
    const named = ["channelAlias", "channelId"].filter((key) => options[key] !== undefined);
    if (named.length !== 1) {
        throw new TypeError("playbackUrl needs exactly one of channelAlias and channelId");
    }
    const name = options[named[0]];
    if (typeof name !== "string" || name === "") {
        throw new TypeError(`${named[0]} must be a non-empty string`);
    }
    return name;
}

function checkPlaybackToken(token) {
    if (typeof token !== "string" || token === "") {
        throw new TypeError("playbackUrl needs a token: a DIGEST viewing token or its tgr_ reference");
    }
    if (!token.startsWith("DIGEST:") && !token.startsWith("tgr_")) {
        // The media-server hooks take the edge's tokens only (docs/media-servers.md): a client access token is
        // for sessions, and would be refused at the first fetch.
        throw new TypeError("playback needs a DIGEST viewing token or its tgr_ reference, not a client access token");
    }
}

/**
 * The HLS playlist URL that Tollgate's `auth_request` hook admits (docs/media-servers.md, "HLS"):
 * `<baseUrl><path>/<applicationId>/<channel>/index.m3u8?token=…`, the stream's directory as nginx-rtmp's
 * `hls_nested on` lays it out. Resolves to the URL.
 *
 * Options: `channelAlias` or `channelId`; `token` (a DIGEST token or a `tgr_` reference); `baseUrl` (the media
 * server, default the page's origin); `applicationId` (default: the DIGEST token's, or the reference's); `path`
 * (`/hls`); `file` (`index.m3u8`); `session` (a platform session ID, for a session-bound token); `apiBaseUrl`
 * (Tollgate, for creating a reference); `maxUrlLength` (2,048): a longer URL carries the token's reference instead,
 * created with `POST /v1/token-refs`.
 */
export async function playbackUrl(options) {
    const name = streamOf(options);
    checkPlaybackToken(options.token);
    const mediaBase = (options.baseUrl ?? globalThis.location?.origin ?? "").replace(/\/+$/, "");
    if (!/^https?:\/\//.test(mediaBase)) {
        throw new TypeError("playbackUrl needs the media server's baseUrl (https://media.example)");
    }
    const prefix = (options.path ?? "/hls").replace(/\/+$/, "");
    const file = options.file ?? "index.m3u8";
    let carried = options.token;
    let applicationId = options.applicationId;
    if (carried.startsWith("DIGEST:")) {
        const digest = decodeDigest(carried);
        if (digest === null) {
            throw new TypeError("the token is not a readable DIGEST token");
        }
        applicationId ??= digest.applicationId;
    }
    const build = (token) => {
        const query = new URLSearchParams({ token });
        if (options.session !== undefined) {
            query.set("session", options.session);
        }
        return `${mediaBase}${prefix}/${encodeURIComponent(applicationId)}/${encodeURIComponent(name)}/${file}?${query}`;
    };
    if (carried.startsWith("DIGEST:") && build(carried).length > (options.maxUrlLength ?? MAX_URL_LENGTH)) {
        carried = (await referenceFor(carried, options)).ref;
    }
    if (typeof applicationId !== "string" || applicationId === "") {
        throw new TypeError("playbackUrl with a tgr_ reference needs applicationId (createTokenRef's answer has it)");
    }
    return build(carried);
}

/**
 * Wraps `fetch` for a player that fetches playlists and segments itself (hls.js's `fetchSetup`, a service worker):
 * each request's URL gets `token=` with the token `source` gives at that moment (a string, or a function returning one
 * or a Promise of one, such as `() => session.token()`), so a refreshed token is used from the next fetch on; a token
 * too long for the URL travels as its `tgr_` reference. The subscription cookie the hook sets on an admitted playlist
 * covers the segments as well; the token on them is for players that keep no cookies.
 */
export function withToken(fetchImpl = globalThis.fetch, source, options = {}) {
    if (typeof fetchImpl !== "function") {
        throw new TypeError("withToken wraps a fetch function");
    }
    const current = typeof source === "function" ? source : () => source;
    return async (input, init) => {
        let token = await current();
        checkPlaybackToken(token);
        const request = typeof input === "string" || input instanceof URL ? null : input;
        const url = new URL(request === null ? String(input) : request.url, globalThis.location?.href);
        url.searchParams.set("token", token);
        if (token.startsWith("DIGEST:") && url.href.length > (options.maxUrlLength ?? MAX_URL_LENGTH)) {
            token = (await referenceFor(token, options)).ref;
            url.searchParams.set("token", token);
        }
        return fetchImpl(request === null ? url.href : new Request(url.href, request), init);
    };
}
