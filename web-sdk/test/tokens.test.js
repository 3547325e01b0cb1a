// Reading a token's lifetime without verifying it, as the Java SDK's TokenLifetime: JWT iat/exp in seconds, DIGEST
// expires in milliseconds (docs/tokens.md).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { tokenLifetime } from "../tollgate.js";
import { T0, digest, jwt, jwtWithClaims } from "../test-fixtures.js";

const RECEIVED = T0 + 500;

describe("when reading a token's lifetime", () => {
    it("a client access token gives its iat and exp in seconds", () => {
        assert.deepEqual(tokenLifetime(jwt("a", T0, T0 + 6000), RECEIVED), { issuedAt: T0, expiresAt: T0 + 6000 });
    });

    it("a JWT without iat is taken as issued when it was received", () => {
        assert.deepEqual(tokenLifetime(jwtWithClaims({ exp: (T0 + 6000) / 1000 }), RECEIVED), {
            issuedAt: RECEIVED,
            expiresAt: T0 + 6000,
        });
    });

    it("a JWT's iat that is not a number is ignored, as the Java SDK ignores it", () => {
        for (const iat of ["1795329703", true, null, 1e20]) {
            assert.deepEqual(
                tokenLifetime(jwtWithClaims({ exp: (T0 + 6000) / 1000, iat }), RECEIVED),
                {
                    issuedAt: RECEIVED,
                    expiresAt: T0 + 6000,
                },
                String(iat),
            );
        }
        // Within a long but beyond an Instant: unreadable, as Instant.ofEpochSecond throws there.
        assert.equal(tokenLifetime(jwtWithClaims({ exp: (T0 + 6000) / 1000, iat: 1e17 }), RECEIVED), null);
    });

    it("a JWT's exp must be a number", () => {
        assert.equal(tokenLifetime(jwtWithClaims({ exp: String(T0 / 1000) }), RECEIVED), null);
        assert.equal(tokenLifetime(jwtWithClaims({ iat: T0 / 1000 }), RECEIVED), null);
        assert.equal(tokenLifetime(jwtWithClaims({ exp: null }), RECEIVED), null);
    });

    it("a JWT's exp beyond what a Java Instant holds is unreadable, as in the Java SDK", () => {
        assert.equal(tokenLifetime(jwtWithClaims({ exp: 9223372036854775807 }), RECEIVED), null);
    });

    it("a JWT's exp beyond a Date but within an Instant is as far away as a Date can say", () => {
        assert.deepEqual(tokenLifetime(jwtWithClaims({ exp: 1e15, iat: T0 / 1000 }), RECEIVED), {
            issuedAt: T0,
            expiresAt: 8.64e15,
        });
    });

    it("a JWT's fractional exp is truncated to the second, as Jackson's asLong does", () => {
        assert.equal(tokenLifetime(jwtWithClaims({ exp: T0 / 1000 + 6.9 }), RECEIVED).expiresAt, T0 + 6000);
    });

    it("anything but three base64url parts holding a JSON object is unreadable", () => {
        for (const token of [
            "",
            "a.b",
            "a.b.c.d",
            "x.%%%.y",
            `x.${Buffer.from("[1]").toString("base64url")}.y`,
            `x.${Buffer.from('{"exp":1').toString("base64url")}.y`,
            // Malformed UTF-8 is refused, not replaced.
            `x.${Buffer.from([0x7b, 0xff, 0x7d]).toString("base64url")}.y`,
        ]) {
            assert.equal(tokenLifetime(token, RECEIVED), null, token);
        }
        assert.equal(tokenLifetime(undefined, RECEIVED), null);
    });

    it("a DIGEST token gives its expires in milliseconds and is taken as issued when it was received", () => {
        assert.deepEqual(tokenLifetime(digest(T0 + 20_123), RECEIVED), { issuedAt: RECEIVED, expiresAt: T0 + 20_123 });
    });

    it("every signed DIGEST token of the shared golden vectors reads its expiresAt", () => {
        // testdata/vectors: the reference EdgeAuth library's tokens, which every module's tests read.
        const vectors = JSON.parse(
            readFileSync(new URL("../../testdata/vectors/edgeauth-upstream.json", import.meta.url)),
        );
        const signed = vectors.vectors.filter((vector) => vector.expected_token !== undefined);
        assert.ok(signed.length >= 10);
        for (const vector of signed) {
            const expiresAt = vector.builder_calls.find(([call]) => call === "expiresAt")[1];
            assert.deepEqual(
                tokenLifetime(vector.expected_token, RECEIVED),
                { issuedAt: RECEIVED, expiresAt },
                vector.id,
            );
        }
        const bad = vectors.vectors.find((vector) => vector.id === "a_bad_token");
        assert.equal(tokenLifetime(bad.given_token, RECEIVED), null);
    });

    it("a DIGEST token without an integer expires, or with a broken envelope, is unreadable", () => {
        const envelope = (fields) => "DIGEST:" + Buffer.from(JSON.stringify(fields)).toString("base64");
        for (const token of [
            digest(1.5),
            digest("1000"),
            envelope({ applicationId: "a", digest: "d", token: "{}" }),
            envelope({ applicationId: "a", digest: "", token: '{"expires":1}' }),
            envelope({ applicationId: "a", token: '{"expires":1}' }),
            envelope({ applicationId: "a", digest: "d", token: "[1]" }),
            "DIGEST:not base64!",
            "DIGEST:" + Buffer.from("not json").toString("base64"),
            "DIGEST:",
        ]) {
            assert.equal(tokenLifetime(token, RECEIVED), null, token);
        }
    });

    it("a DIGEST token over the server's 16 KiB limit is unreadable", () => {
        const long = digest(T0 + 1000, { claims: { uri: "x".repeat(16 * 1024) } });
        assert.ok(long.length > 16 * 1024);
        assert.equal(tokenLifetime(long, RECEIVED), null);
    });
});
