// The API calls (sessions, token references), the errors they carry (the server's stable codes, as the Java SDK's
// TollgateException), and the HLS playback URLs the auth_request hook admits (docs/media-servers.md).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MAX_URL_LENGTH, TollgateError, createTokenRef, openSession, playbackUrl, withToken } from "../tollgate.js";
import { T0, digest, fakeFetch, jwt } from "../test-fixtures.js";

const BASE = "https://tollgate.example";
const TOKEN = jwt("cat", T0, T0 + 3_600_000);

async function refusal(answer) {
    const { fetch } = fakeFetch(async () => answer);
    return openSession(TOKEN, {}, { baseUrl: BASE, fetch }).then(
        () => assert.fail("expected a refusal"),
        (error) => error,
    );
}

describe("when a call is refused", () => {
    it("the error carries the server's code, status and message", async () => {
        const error = await refusal({ status: 401, body: { code: "expired", message: "the token has expired" } });

        assert.ok(error instanceof TollgateError);
        assert.equal(error.name, "TollgateError");
        assert.equal(error.code, "expired");
        assert.equal(error.status, 401);
        assert.equal(error.message, "the token has expired");
    });

    it("an OAuth2 answer's error and description are the code and message", async () => {
        const error = await refusal({
            status: 403,
            body: { error: "insufficient_scope", error_description: "the token lacks a scope" },
        });

        assert.equal(error.code, "insufficient_scope");
        assert.equal(error.message, "the token lacks a scope");
        assert.equal(error.status, 403);
    });

    it("an error page without a code is http-NNN", async () => {
        const error = await refusal({ status: 502, body: "<html>Bad Gateway</html>" });

        assert.equal(error.code, "http-502");
        assert.equal(error.message, "HTTP 502");
        assert.equal(error.status, 502);
    });

    it("a success that is not a JSON object is bad-response", async () => {
        const error = await refusal({ status: 201, body: "[]" });

        assert.equal(error.code, "bad-response");
        assert.equal(error.status, 201);
    });

    it("a success that lacks a promised field is bad-response", async () => {
        const error = await refusal({ status: 201, body: { expiresAt: "2026-11-22T13:00:00Z" } });

        assert.equal(error.code, "bad-response");
        assert.match(error.message, /sessionId/);
    });

    it("a server that cannot be reached is unreachable, with no status", async () => {
        const error = await openSession(
            TOKEN,
            {},
            {
                baseUrl: BASE,
                fetch: async () => {
                    throw new TypeError("Failed to fetch");
                },
            },
        ).catch((e) => e);

        assert.equal(error.code, "unreachable");
        assert.equal(error.status, undefined);
    });

    it("a server that does not answer in time is timeout", async () => {
        const error = await openSession(
            TOKEN,
            {},
            {
                baseUrl: BASE,
                fetch: async () => {
                    throw new DOMException("The operation timed out.", "TimeoutError");
                },
            },
        ).catch((e) => e);

        assert.equal(error.code, "timeout");
    });

    it("every call is bounded by a timeout signal", async () => {
        const { fetch, calls } = fakeFetch(async () => ({
            status: 201,
            body: { sessionId: "s", expiresAt: "2026-11-22T13:00:00Z" },
        }));

        await openSession(TOKEN, {}, { baseUrl: BASE, fetch });

        assert.ok(calls[0].init.signal instanceof AbortSignal);
    });

    it("a call without a base URL says how to give one", async () => {
        await assert.rejects(openSession(TOKEN, {}, { fetch: async () => assert.fail("no call") }), {
            name: "TypeError",
            message: /baseUrl/,
        });
    });
});

describe("when opening a session", () => {
    it("the token is the Bearer credential and the participant is the body", async () => {
        const { fetch, calls } = fakeFetch(async () => ({
            status: 201,
            body: {
                sessionId: "s-1",
                applicationId: "app",
                participant: { externalId: "alice@example.com", verified: true },
                permissions: ["conf:create"],
                expiresAt: "2026-11-22T13:00:00Z",
            },
        }));

        const opened = await openSession(
            TOKEN,
            { name: "Mallory", externalId: "mallory" },
            { baseUrl: BASE + "/", fetch },
        );

        assert.equal(calls[0].url, "https://tollgate.example/v1/sessions");
        assert.equal(calls[0].init.method, "POST");
        assert.equal(calls[0].init.headers.Authorization, `Bearer ${TOKEN}`);
        assert.deepEqual(calls[0].body, { participant: { externalId: "mallory", name: "Mallory" } });
        assert.deepEqual(opened, {
            sessionId: "s-1",
            applicationId: "app",
            participant: { externalId: "alice@example.com", name: undefined, avatarUrl: undefined },
            identityFromToken: true,
            permissions: ["conf:create"],
            tags: [],
            expiresAt: new Date("2026-11-22T13:00:00Z"),
        });
    });

    it("a declared participant is kept unverified when the token names none", async () => {
        const { fetch, calls } = fakeFetch(async () => ({
            status: 201,
            body: {
                sessionId: "s-2",
                participant: { name: "Alice", verified: false },
                permissions: [],
                expiresAt: "2026-11-22T13:00:00Z",
            },
        }));

        const opened = await openSession(TOKEN, "Alice", { baseUrl: BASE, fetch });

        assert.deepEqual(calls[0].body, { participant: { name: "Alice" } });
        assert.equal(opened.identityFromToken, false);
        assert.equal(opened.participant.name, "Alice");
    });

    it("participant information that is not text is refused before any call", async () => {
        await assert.rejects(openSession(TOKEN, { name: 7 }, { baseUrl: BASE, fetch: async () => assert.fail() }), {
            name: "TypeError",
        });
    });
});

describe("when building a playback URL", () => {
    const VIEWING = digest(T0 + 3_600_000, {
        applicationId: "app-1",
        claims: { requiredTag: "channelAlias:news", type: "stream" },
    });

    it("a short DIGEST token rides in the playlist URL's query, its application from the token", async () => {
        const url = await playbackUrl({ channelAlias: "news", token: VIEWING, baseUrl: "https://media.example/" });

        const parsed = new URL(url);
        assert.equal(parsed.origin + parsed.pathname, "https://media.example/hls/app-1/news/index.m3u8");
        assert.equal(parsed.searchParams.get("token"), VIEWING);
        // base64's + / = are escaped: a + left raw would reach the hook as a space.
        assert.ok(!parsed.search.slice(1).includes("+"));
    });

    it("a channel ID's # is escaped so that it stays in the path", async () => {
        const url = await playbackUrl({
            channelId: "us-northeast#app-1#news.AbC",
            token: VIEWING,
            baseUrl: "https://media.example",
            path: "/live/",
            session: "s-9",
        });

        assert.ok(url.startsWith("https://media.example/live/app-1/us-northeast%23app-1%23news.AbC/index.m3u8?token="));
        assert.equal(new URL(url).searchParams.get("session"), "s-9");
    });

    it("a token too long for a URL is exchanged for its tgr_ reference", async () => {
        const long = digest(T0 + 3_600_000, {
            applicationId: "app-1",
            claims: { uri: "https://x.example/" + "a".repeat(2000) },
        });
        const { fetch, calls } = fakeFetch(async () => ({
            status: 201,
            body: { ref: "tgr_3q2-7wZ0b5c1Nn4xYk9aPA", applicationId: "app-1", expiresAt: T0 + 3_600_000 },
        }));

        const url = await playbackUrl({
            channelAlias: "news",
            token: long,
            baseUrl: "https://media.example",
            apiBaseUrl: BASE,
            fetch,
        });

        assert.equal(url, "https://media.example/hls/app-1/news/index.m3u8?token=tgr_3q2-7wZ0b5c1Nn4xYk9aPA");
        assert.equal(calls.length, 1);
        assert.equal(calls[0].url, "https://tollgate.example/v1/token-refs");
        assert.deepEqual(calls[0].body, { token: long });
        assert.equal(calls[0].init.headers.Authorization, undefined);
    });

    it("a reference is asked for once per token", async () => {
        const long = digest(T0 + 3_600_000, {
            applicationId: "app-1",
            claims: { uri: "https://y.example/" + "b".repeat(2000) },
        });
        const { fetch, calls } = fakeFetch(async () => ({
            status: 201,
            body: { ref: "tgr_AAAAAAAAAAAAAAAAAAAAAA", applicationId: "app-1", expiresAt: Date.now() + 3_600_000 },
        }));
        const options = {
            channelAlias: "news",
            token: long,
            baseUrl: "https://media.example",
            apiBaseUrl: BASE,
            fetch,
        };

        await playbackUrl(options);
        await playbackUrl(options);

        assert.equal(calls.length, 1);
    });

    it("a reference given is used as it is, with the application named", async () => {
        const url = await playbackUrl({
            channelAlias: "news",
            token: "tgr_3q2-7wZ0b5c1Nn4xYk9aPA",
            applicationId: "app-1",
            baseUrl: "https://media.example",
        });

        assert.equal(url, "https://media.example/hls/app-1/news/index.m3u8?token=tgr_3q2-7wZ0b5c1Nn4xYk9aPA");
        await assert.rejects(
            playbackUrl({
                channelAlias: "news",
                token: "tgr_3q2-7wZ0b5c1Nn4xYk9aPA",
                baseUrl: "https://media.example",
            }),
            { name: "TypeError", message: /applicationId/ },
        );
    });

    it("a refused reference is the server's error", async () => {
        const long = digest(1000, { applicationId: "app-1", claims: { uri: "https://z.example/" + "c".repeat(2000) } });
        const { fetch } = fakeFetch(async () => ({
            status: 401,
            body: { code: "expired", message: "the token has expired" },
        }));

        await assert.rejects(
            playbackUrl({
                channelAlias: "news",
                token: long,
                baseUrl: "https://media.example",
                apiBaseUrl: BASE,
                fetch,
            }),
            { name: "TollgateError", code: "expired", status: 401 },
        );
    });

    it("a client access token, or no stream, or two, is a misuse refused at once", async () => {
        await assert.rejects(playbackUrl({ channelAlias: "news", token: TOKEN, baseUrl: "https://media.example" }), {
            name: "TypeError",
            message: /client access token/,
        });
        await assert.rejects(playbackUrl({ token: VIEWING, baseUrl: "https://media.example" }), { name: "TypeError" });
        await assert.rejects(
            playbackUrl({ channelAlias: "news", channelId: "x", token: VIEWING, baseUrl: "https://media.example" }),
            { name: "TypeError" },
        );
    });

    it("the limit is the one documented", () => {
        assert.equal(MAX_URL_LENGTH, 2048);
    });
});

describe("when a player fetches with the token", () => {
    it("each fetch carries the token current at that moment", async () => {
        let current = digest(T0 + 1000, { applicationId: "app-1" });
        const seen = [];
        const fetch = withToken(
            async (url) => {
                seen.push(new URL(url).searchParams.get("token"));
                return new Response("#EXTM3U");
            },
            () => current,
        );

        await fetch("https://media.example/hls/app-1/news/index.m3u8?token=old");
        const first = current;
        current = digest(T0 + 2000, { applicationId: "app-1" });
        await fetch(new URL("https://media.example/hls/app-1/news/3.ts"));

        assert.deepEqual(seen, [first, current]);
    });

    it("a Request keeps its method and headers", async () => {
        const token = digest(T0 + 1000);
        let received;
        const fetch = withToken(async (request) => {
            received = request;
            return new Response("");
        }, token);

        await fetch(new Request("https://media.example/hls/app/news/1.ts", { headers: { Range: "bytes=0-10" } }));

        assert.ok(received instanceof Request);
        assert.equal(new URL(received.url).searchParams.get("token"), token);
        assert.equal(received.headers.get("Range"), "bytes=0-10");
    });

    it("a token too long for the URL travels as its reference", async () => {
        const long = digest(T0 + 3_600_000, { claims: { uri: "https://w.example/" + "d".repeat(2000) } });
        const api = fakeFetch(async () => ({
            status: 201,
            body: { ref: "tgr_BBBBBBBBBBBBBBBBBBBBBB", applicationId: "app", expiresAt: Date.now() + 3_600_000 },
        }));
        const seen = [];
        const fetch = withToken(
            async (url) => {
                seen.push(url);
                return new Response("");
            },
            long,
            { apiBaseUrl: BASE, fetch: api.fetch },
        );

        await fetch("https://media.example/hls/app/news/index.m3u8");

        assert.deepEqual(seen, ["https://media.example/hls/app/news/index.m3u8?token=tgr_BBBBBBBBBBBBBBBBBBBBBB"]);
    });
});

describe("when creating a token reference", () => {
    it("the answer is the reference, its application and its expiry", async () => {
        const { fetch } = fakeFetch(async () => ({
            status: 201,
            body: { ref: "tgr_CCCCCCCCCCCCCCCCCCCCCC", applicationId: "app", expiresAt: 1795329703000 },
        }));

        assert.deepEqual(await createTokenRef(digest(1795329703000), { baseUrl: BASE, fetch }), {
            ref: "tgr_CCCCCCCCCCCCCCCCCCCCCC",
            applicationId: "app",
            expiresAt: new Date(1795329703000),
        });
    });
});
