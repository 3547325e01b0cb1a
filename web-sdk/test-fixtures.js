// Shared by the tests in test/ (kept outside test/: node --test runs every file in that directory as a test).
import { mock } from "node:test";

export const T0 = Date.parse("2026-11-22T12:00:00Z");

function base64url(text) {
    return Buffer.from(text, "utf8").toString("base64url");
}

/** An unsigned JWT-shaped token, as the Java tests' Tokens.jwt: the SDK reads iat and exp without verifying. */
export function jwt(id, issuedAt, expiresAt, extra = {}) {
    const header = base64url(JSON.stringify({ alg: "EdDSA", kid: "k" }));
    const payload = base64url(
        JSON.stringify({ jti: id, iat: Math.floor(issuedAt / 1000), exp: Math.floor(expiresAt / 1000), ...extra }),
    );
    return `${header}.${payload}.c2lnbmF0dXJl`;
}

/** A JWT with exactly these claims. */
export function jwtWithClaims(claims) {
    return `${base64url(JSON.stringify({ alg: "ES256" }))}.${base64url(JSON.stringify(claims))}.c2ln`;
}

/** A DIGEST token of docs/tokens.md's format, its digest not checked by the SDK (the server checks it). */
export function digest(expires, { applicationId = "app", claims = {} } = {}) {
    const token = JSON.stringify({ expires, ...claims });
    const envelope = JSON.stringify({ applicationId, digest: "ZmFrZQ==", token });
    return "DIGEST:" + Buffer.from(envelope, "utf8").toString("base64");
}

/** Fake timers and Date from T0; call reset() after each test. */
export function fakeTime() {
    mock.timers.enable({ apis: ["setTimeout", "setInterval", "Date"], now: T0 });
}

/** Lets promise chains run: the refresher's answer reaches the session through a few microtasks. */
export async function settle() {
    for (let i = 0; i < 10; i++) {
        await null;
    }
}

/**
 * The step of advance(): every time the tests schedule (checkpoints, backoffs, timeouts) is a multiple of it, so each
 * timer fires at the end of a step and the answers it starts arrive at that same time, as on the Java tests' manual
 * scheduler.
 */
const STEP_MS = 50;

/** Moves the fake clock by `ms`, in steps, letting every answer arrive when it is given. */
export async function advance(ms) {
    for (let left = ms; left > 0; left -= STEP_MS) {
        mock.timers.tick(Math.min(STEP_MS, left));
        await settle();
    }
}

/** Whole seconds since T0, as the Java tests' at(). */
export function at() {
    return Math.floor((Date.now() - T0) / 1000);
}

/** A listener that writes "<s> refreshed", "<s> expired", "<s> failed#<n> <name>" into `events`. */
export function recorder(events) {
    return {
        onTokenRefreshed: () => events.push(`${at()} refreshed`),
        onTokenExpired: () => events.push(`${at()} expired`),
        onRefreshFailed: (cause, attempt) => events.push(`${at()} failed#${attempt} ${cause.name}`),
    };
}

/** A fetch that answers from `answer(url, init)` ({status, body}) and records every call. */
export function fakeFetch(answer) {
    const calls = [];
    const fetch = async (url, init = {}) => {
        calls.push({ url: String(url), init, body: init.body === undefined ? undefined : JSON.parse(init.body) });
        const { status = 200, body = "" } = await answer(String(url), init);
        return new Response(typeof body === "string" ? body : JSON.stringify(body), { status });
    };
    return { fetch, calls };
}
