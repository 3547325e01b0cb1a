package dev.tollgate.server.internal.http;

import java.util.Optional;

/**
 * Every code the server answers an HTTP request with, besides the edge's own ({@link dev.tollgate.edge.DenialCode},
 * which {@link Rejection#refusal} carries). The {@link #code()} strings are a wire contract:
 * {@code WhenListingTheServersErrorCodes} freezes the list and checks that {@code docs/error-codes.md} explains each
 * one. A {@link Rejection} can only be made with one of these or a denial code, so no endpoint invents a code on the
 * side.
 *
 * <p>Immutable and thread-safe.
 */
public enum ErrorCode {
    /** Answered 400. */
    MALFORMED_JSON("malformed-json"),
    /** Answered 400. */
    MALFORMED_FORM("malformed-form"),
    /** Answered 400. */
    DUPLICATE_PARAMETER("duplicate-parameter"),
    /** Answered 400. */
    UNKNOWN_PARAMETER("unknown-parameter"),
    /** Answered 400. */
    MISSING_PARAMETER("missing-parameter"),
    /** Answered 400. */
    INVALID_PARAMETER("invalid-parameter"),
    /** Answered 400. */
    INVALID_TIME_RANGE("invalid-time-range"),
    /** Answered 400. */
    UNKNOWN_FIELD("unknown-field"),
    /** Answered 400. */
    WRONG_TYPE("wrong-type"),
    /** Answered 400. */
    MISSING_FIELD("missing-field"),
    /** Answered 400. */
    CONFLICTING_FIELDS("conflicting-fields"),
    /** Answered 400. */
    INVALID_VALUE("invalid-value"),
    /** Answered 400. */
    INVALID_NAME("invalid-name"),
    /** Answered 400. */
    INVALID_ALIAS("invalid-alias"),
    /** Answered 400. */
    UNKNOWN_EVENT("unknown-event"),
    /** Answered 400. */
    UNKNOWN_ACTION("unknown-action"),
    /** Answered 400. */
    UNKNOWN_SCOPE("unknown-scope"),
    /** Answered 400. */
    INVALID_SCOPE("invalid-scope"),
    /** Answered 400. */
    MISSING_GRANT_TYPE("missing-grant-type"),
    /** Answered 400. */
    UNSUPPORTED_GRANT_TYPE("unsupported-grant-type"),
    /** Answered 400. */
    INVALID_EXPIRES_IN("invalid-expires-in"),
    /** Answered 400. */
    EXTERNAL_ID_TOO_LONG("external-id-too-long"),
    /** Answered 400. */
    TOKEN_TOO_LARGE("token-too-large"),
    /** Answered 400. */
    TOKEN_TOO_LONG_FOR_CARRIER("token-too-long-for-carrier"),
    /** Answered 400. */
    BAD_REQUEST("bad-request"),
    /** Answered 401. */
    INVALID_CLIENT("invalid-client"),
    /** Answered 401. */
    MISSING_TOKEN("missing-token"),
    /** Answered 401. */
    INVALID_TOKEN("invalid-token"),
    /** Answered 401. */
    UNAUTHORIZED("unauthorized"),
    /** Answered 401. */
    INVALID_EDGE_CREDENTIAL("invalid-edge-credential"),
    /** Answered 403. */
    INSUFFICIENT_SCOPE("insufficient-scope"),
    /** Answered 403 by a media-server hook: the stream names no channel or room of the application. */
    UNKNOWN_CHANNEL("unknown-channel"),
    /** Answered 403 by a media-server hook: a session-bound token, and its session is not open. */
    SESSION_NOT_OPEN("session-not-open"),
    /** Answered 403 by a media-server hook: the token holds its {@code max-sessions} open sessions already. */
    TOO_MANY_SESSIONS("too-many-sessions"),
    /** Answered 403 by a media-server hook's periodic check: no open session for the connection. */
    UNKNOWN_SESSION("unknown-session"),
    /** Answered 403 by nginx's {@code auth_request} hook: its subscription cookie's session has ended. */
    SESSION_ENDED("session-ended"),
    /** Answered 403 by nginx's {@code auth_request} hook: the original URI is missing or names no stream's file. */
    BAD_ORIGINAL_URI("bad-original-uri"),
    /**
     * Answered 400 by a media-server hook (403 by {@code auth_request}'s, which nginx would turn into a 500): the hook
     * URL the operator configured has an unknown, repeated or empty parameter.
     */
    INVALID_HOOK_URL("invalid-hook-url"),
    /** Answered 403. */
    UNSUPPORTED_ACTION("unsupported-action"),
    /** Answered 403. */
    WRONG_APPLICATION("wrong-application"),
    /** Answered 403. */
    NOT_YOUR_SESSION("not-your-session"),
    /** Answered 404. */
    NOT_FOUND("not-found"),
    /** Answered 405. */
    METHOD_NOT_ALLOWED("method-not-allowed"),
    /** Answered 409. */
    CONFERENCE_ALIAS_TAKEN("conference-alias-taken"),
    /** Answered 409: another channel or room of the application has the alias. */
    ALIAS_TAKEN("alias-taken"),
    /** Answered 410. */
    SESSION_EXPIRED("session-expired"),
    /** Answered 413. */
    PAYLOAD_TOO_LARGE("payload-too-large"),
    /** Answered 415. */
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type"),
    /** Answered 429. */
    TOO_MANY_REQUESTS("too-many-requests"),
    /** Answered 429. */
    TOO_MANY_FAILED_ATTEMPTS("too-many-failed-attempts"),
    /** Answered 500. */
    INTERNAL_ERROR("internal-error"),
    /** Answered 503. */
    STORE_UNAVAILABLE("store-unavailable"),
    /** Answered 503: the database's disk is full; reads go on, writes fail until space returns. */
    STORE_FULL("store-full");

    private final String code;

    ErrorCode(String code) {
        this.code = code;
    }

    /** The stable kebab-case code, e.g. {@code malformed-json}. */
    public String code() {
        return code;
    }

    /** The constant for a wire code, or empty when the code is not one of the server's own. */
    public static Optional<ErrorCode> fromCode(String code) {
        for (ErrorCode candidate : values()) {
            if (candidate.code.equals(code)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return code;
    }
}
