// TypeScript declarations of tollgate.js, Tollgate's browser SDK (docs/web-sdk.md).

/** The SDK's version: the server's version. */
export declare const VERSION: string;

/** The longest playlist URL the SDK puts a token in; a longer one carries the token's `tgr_` reference. */
export declare const MAX_URL_LENGTH: number;

/**
 * A call to Tollgate failed. `code` is the server's stable code (docs/error-codes.md) or one of the SDK's own:
 * `unreachable`, `timeout`, `bad-response`, `http-NNN`.
 */
export declare class TollgateError extends Error {
    readonly name: "TollgateError";
    /** The server's stable code, e.g. `expired`, `insufficient_scope`, `unknown-token-ref`. */
    readonly code: string;
    /** The HTTP status, when an answer arrived. */
    readonly status: number | undefined;
    constructor(code: string, message: string, status?: number);
}

/** When a token was issued and when it expires, in epoch milliseconds. */
export interface TokenLifetime {
    issuedAt: number;
    expiresAt: number;
}

/** A JWT's iat/exp or a DIGEST token's expires, read without verification; null when neither is readable. */
export declare function tokenLifetime(token: string, receivedAt?: number): TokenLifetime | null;

/**
 * Obtains the next token, typically from the application's backend. `isExpired` is true at the last chance (the
 * current token has expired). `signal` aborts when the session gives up on this attempt (timeout, the next
 * checkpoint, close()).
 */
export type TokenRefresher = (isExpired: boolean, options: { signal: AbortSignal }) => Promise<string>;

/** Observes a TokenSession: the Java SDK's TokenListener. */
export interface TokenListener {
    /** A new token replaced the old one. */
    onTokenRefreshed?(token: string): void;
    /** The current token expired before a new one arrived. Called once per token. */
    onTokenExpired?(): void;
    /**
     * A refresh attempt failed (the refresher's rejection), timed out (`TimeoutError`) or returned an unusable token
     * (`TypeError`); the session retries with backoff. `attempt` counts the failures in a row, from 1.
     */
    onRefreshFailed?(cause: unknown, attempt: number): void;
}

export interface TokenSessionOptions {
    /** Tollgate's URL, for open(); default: where /sdk/tollgate.js was loaded from. */
    baseUrl?: string;
    listeners?: TokenListener[];
    /** How long one refresh may take (default 30 000 ms). */
    refreshTimeoutMs?: number;
    /** The first retry delay after a failure, doubled per further failure (default 1 000 ms). */
    initialBackoffMs?: number;
    /** The longest retry delay (default 30 000 ms). */
    maxBackoffMs?: number;
    /** How often the wall clock is compared with the checkpoints, for a tab that slept (default 1 000 ms). */
    wallClockCheckMs?: number;
    fetch?: typeof fetch;
    /** Where a listener's exception is reported (default console). */
    logger?: { warn(message: string, error: unknown): void };
    /** The page whose visibilitychange is watched (default the global document). */
    document?: EventTarget;
}

/** What a client says about itself at session open; a name alone is `{name}`. */
export interface ParticipantInfo {
    externalId?: string;
    name?: string;
    avatarUrl?: string;
}

/** A platform session opened with `POST /v1/sessions`. */
export interface OpenedSession {
    sessionId: string;
    applicationId: string | undefined;
    /** The identity the server decided on: the token's, when it names one. */
    participant: ParticipantInfo;
    /** True when the identity comes from the token (the declared one was disregarded). */
    identityFromToken: boolean;
    permissions: string[];
    tags: string[];
    expiresAt: Date;
}

export interface TokenRef {
    ref: string;
    applicationId: string;
    expiresAt: Date;
}

export interface PlaybackOptions {
    channelAlias?: string;
    channelId?: string;
    /** A DIGEST viewing token or its `tgr_` reference. */
    token: string;
    /** The media server (nginx), default the page's origin. */
    baseUrl?: string;
    /** Default: the DIGEST token's, required with a `tgr_` reference. */
    applicationId?: string;
    /** The HLS location's prefix (default `/hls`). */
    path?: string;
    /** Default `index.m3u8`. */
    file?: string;
    /** A platform session ID, for a session-bound token. */
    session?: string;
    /** Tollgate's URL, for creating a reference. */
    apiBaseUrl?: string;
    /** A longer URL carries the token's reference instead (default 2 048). */
    maxUrlLength?: number;
    fetch?: typeof fetch;
}

export interface WithTokenOptions {
    apiBaseUrl?: string;
    maxUrlLength?: number;
    fetch?: typeof fetch;
}

/** Holds a token and refreshes it at ½ and ¾ of its lifetime and at expiry, as the Java SDK's TokenSession. */
export declare class TokenSession {
    private constructor();
    /** The current token. */
    token(): string;
    /** When the current token expires. */
    expiresAt(): Date;
    /** The current token with its expiry, read together. */
    current(): { token: string; expiresAt: Date };
    addListener(listener: TokenListener): void;
    removeListener(listener: TokenListener): void;
    /** Opens a platform session with the current token; the token's identity wins over `participantInfo`. */
    open(participantInfo?: ParticipantInfo | string): Promise<OpenedSession>;
    /** playbackUrl with the current token. */
    playbackUrl(options: Omit<PlaybackOptions, "token">): Promise<string>;
    /** withToken with the current token at each fetch. */
    withToken(fetchImpl?: typeof fetch, options?: WithTokenOptions): typeof fetch;
    /** Stops all refreshing. Idempotent. */
    close(): void;
}

/** Starts a session holding `token` (a client access token or a DIGEST token). */
export declare function initializeToken(
    token: string,
    refresh: TokenRefresher,
    options?: TokenSessionOptions,
): TokenSession;

/** `POST /v1/sessions` with `token`. */
export declare function openSession(
    token: string,
    participantInfo?: ParticipantInfo | string,
    options?: { baseUrl?: string; fetch?: typeof fetch },
): Promise<OpenedSession>;

/** `POST /v1/token-refs`: the `tgr_` reference of a DIGEST token. */
export declare function createTokenRef(
    token: string,
    options?: { baseUrl?: string; fetch?: typeof fetch },
): Promise<TokenRef>;

/** The HLS playlist URL Tollgate's auth_request hook admits. */
export declare function playbackUrl(options: PlaybackOptions): Promise<string>;

/** A fetch that puts `token=` on every request's URL, with the token `source` gives at that moment. */
export declare function withToken(
    fetchImpl: typeof fetch,
    source: string | (() => string | Promise<string>),
    options?: WithTokenOptions,
): typeof fetch;
