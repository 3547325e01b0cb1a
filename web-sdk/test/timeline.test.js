// The Dolby SDK timeline, ported test for test from the Java SDK's WhenRefreshingATokenSession: refresh at ½ and ¾ of
// the lifetime and at expiry, exactly, on fake timers and a fake Date.
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it, mock } from "node:test";
import { initializeToken } from "../tollgate.js";
import { T0, advance, at, digest, fakeTime, jwt, jwtWithClaims, recorder, settle } from "../test-fixtures.js";

describe("when refreshing a token session", () => {
    let events;
    let session;

    beforeEach(() => {
        fakeTime();
        events = [];
        session = undefined;
    });

    afterEach(() => {
        session?.close();
        mock.timers.reset();
    });

    function start(token, refresh, options = {}) {
        session = initializeToken(token, refresh, {
            listeners: [recorder(events)],
            refreshTimeoutMs: 30_000,
            ...options,
        });
        return session;
    }

    it("a successful refresh at half life switches tokens and restarts the timeline", async () => {
        const first = jwt("first", T0, T0 + 8000);
        const calls = [];
        start(first, async (isExpired) => {
            calls.push(`${at()} ${isExpired ? "expired" : "nearing"}`);
            return jwt(`next-${at()}`, Date.now(), Date.now() + 8000);
        });

        await advance(3999);
        assert.deepEqual(calls, []);
        assert.equal(session.token(), first);

        await advance(1);
        assert.deepEqual(calls, ["4 nearing"]);
        assert.equal(session.token(), jwt("next-4", T0 + 4000, T0 + 12_000));
        assert.equal(session.expiresAt().getTime(), T0 + 12_000);

        await advance(6000);
        assert.deepEqual(calls, ["4 nearing", "8 nearing"]);
        assert.deepEqual(events, ["4 refreshed", "8 refreshed"]);
    });

    it("a refresher that keeps failing is called at half, three quarters and expiry with backoff between", async () => {
        const calls = [];
        start(jwt("first", T0, T0 + 8000), (isExpired) => {
            calls.push(`${at()} ${isExpired ? "expired" : "nearing"}`);
            return Promise.reject(new Error("backend down"));
        });

        await advance(9000);

        // ½ at 4 s, retry after 1 s, ¾ at 6 s, expiry at 8 s (the 4 s backoff would overshoot it).
        assert.deepEqual(calls, ["4 nearing", "5 nearing", "6 nearing", "8 expired"]);
        assert.deepEqual(events, [
            "4 failed#1 Error",
            "5 failed#2 Error",
            "6 failed#3 Error",
            "8 expired",
            "8 failed#4 Error",
        ]);

        await advance(30_000);
        assert.deepEqual(calls, ["4 nearing", "5 nearing", "6 nearing", "8 expired", "16 expired", "32 expired"]);
    });

    it("a refresher that recovers after expiry restores the session", async () => {
        let count = 0;
        start(jwt("first", T0, T0 + 4000), async (isExpired) => {
            if (!isExpired) {
                throw new Error("not yet");
            }
            count++;
            return jwt("renewed", Date.now(), Date.now() + 60_000);
        });

        await advance(5000);

        assert.equal(count, 1);
        assert.deepEqual(events.slice(-2), ["4 expired", "4 refreshed"]);
        assert.equal(session.expiresAt().getTime(), T0 + 64_000);
    });

    it("a hanging refresher is abandoned at the next checkpoint, told so, and never blocks the caller", async () => {
        const pending = [];
        start(jwt("first", T0, T0 + 8000), (isExpired, { signal }) => {
            let resolve;
            const never = new Promise((r) => (resolve = r));
            pending.push({ resolve, signal });
            return never;
        });

        await advance(9000);

        assert.equal(pending.length, 3); // ½, ¾, expiry
        assert.deepEqual(events, ["6 failed#1 TimeoutError", "8 failed#2 TimeoutError", "8 expired"]);
        assert.deepEqual(
            pending.map((call) => call.signal.aborted),
            [true, true, false],
        );
        // A late answer to an abandoned attempt changes nothing.
        pending[0].resolve(jwt("late", T0, T0 + 100_000));
        await settle();
        assert.equal(session.token(), jwt("first", T0, T0 + 8000));
    });

    it("a refresh that takes longer than the timeout fails", async () => {
        start(jwt("first", T0, T0 + 60_000), () => new Promise(() => {}), { refreshTimeoutMs: 500 });

        await advance(30_600);

        assert.deepEqual(events, ["30 failed#1 TimeoutError"]);
    });

    it("a refresher returning an expired or unreadable token counts as a failure", async () => {
        const answers = ["not a token", jwt("old", T0, T0 + 1000)];
        start(jwt("first", T0, T0 + 8000), async () => (answers.length === 0 ? "x" : answers.shift()));

        await advance(5000);

        assert.deepEqual(events, ["4 failed#1 TypeError", "5 failed#2 TypeError"]);
    });

    it("a digest token is refreshed from its expires claim", async () => {
        const calls = [];
        start(digest(T0 + 20_000), () => {
            calls.push(at());
            return new Promise(() => {});
        });

        await advance(10_000);

        assert.deepEqual(calls, [10]);
    });

    it("closing during a refresh cancels everything and ignores the answer", async () => {
        let resolve;
        let signal;
        const first = jwt("first", T0, T0 + 8000);
        let calls = 0;
        start(first, (isExpired, options) => {
            calls++;
            signal = options.signal;
            return new Promise((r) => (resolve = r));
        });
        await advance(4000);

        session.close();
        resolve(jwt("after-close", T0, T0 + 100_000));
        await advance(60_000);

        assert.equal(session.token(), first);
        assert.deepEqual(events, []);
        assert.equal(calls, 1);
        assert.equal(signal.aborted, true);
    });

    it("a listener that throws is logged and stops neither the other listeners nor the timeline", async () => {
        const warnings = [];
        const issued = [];
        session = initializeToken(
            jwt("first", T0, T0 + 4000),
            async () => {
                const next = jwt(`n${issued.length}`, Date.now(), Date.now() + 4000);
                issued.push(next);
                return next;
            },
            {
                listeners: [
                    {
                        onTokenRefreshed() {
                            throw new Error("listener bug");
                        },
                    },
                    recorder(events),
                ],
                logger: { warn: (message, error) => warnings.push({ message, error }) },
            },
        );

        await advance(5000);

        assert.deepEqual(events, ["2 refreshed", "4 refreshed"]);
        assert.equal(warnings.length, 2);
        for (const warning of warnings) {
            assert.equal(warning.error.message, "listener bug");
            assert.match(warning.message, /onTokenRefreshed/);
            for (const token of issued) {
                assert.ok(!warning.message.includes(token));
            }
        }
    });

    it("a refresher that throws is retried with backoff like one whose promise fails", async () => {
        const calls = [];
        start(jwt("first", T0, T0 + 8000), () => {
            calls.push(at());
            throw new Error("backend down");
        });

        await advance(6000);

        assert.deepEqual(calls, [4, 5, 6]);
        assert.deepEqual(events, ["4 failed#1 Error", "5 failed#2 Error", "6 failed#3 Error"]);
    });

    it("a refresher that answers nothing or a token beyond time is retried even after expiry", async () => {
        // An answer of undefined, then a JWT whose exp lies beyond what a Java Instant can hold: both are failed
        // attempts like any other, retried with backoff; the timeline must not stall after its last checkpoint.
        const beyondTime = jwtWithClaims({ exp: 9223372036854775807 });
        const calls = [];
        start(jwt("first", T0, T0 + 8000), async () => {
            calls.push(at());
            return calls.length % 2 === 1 ? undefined : beyondTime;
        });

        await advance(20_000);

        // ½ at 4 s and retries after 1 s and 2 s, expiry at 8 s, then the backoff (8 s after the fourth failure).
        assert.deepEqual(calls, [4, 5, 6, 8, 16]);
        assert.ok(events.includes("8 expired"));
        assert.ok(events.includes("8 failed#4 TypeError"));
        assert.ok(events.includes("16 failed#5 TypeError"));
        assert.equal(session.token(), jwt("first", T0, T0 + 8000));
    });

    it("a refresher that returns no promise at all fails like one that throws", async () => {
        const calls = [];
        start(jwt("first", T0, T0 + 8000), () => {
            calls.push(at());
            return jwt("sync", Date.now(), Date.now() + 8000);
        });

        await advance(5000);

        assert.deepEqual(calls, [4, 5]);
        assert.deepEqual(events, ["4 failed#1 TypeError", "5 failed#2 TypeError"]);
    });

    it("a refresher that returns the current token changes nothing and is asked again at the next checkpoint", async () => {
        const first = jwt("first", T0, T0 + 8000);
        const calls = [];
        start(first, async () => {
            calls.push(at());
            return first;
        });

        await advance(7000);

        assert.deepEqual(calls, [4, 6]);
        assert.deepEqual(events, []);
        assert.equal(session.token(), first);
    });

    it("a digest token is asked for at half, three quarters and expiry and replaced by the next digest token", async () => {
        const calls = [];
        start(digest(T0 + 20_000), (isExpired) => {
            calls.push(`${at()} ${isExpired ? "expired" : "nearing"}`);
            // The backend is too slow until the last chance.
            return isExpired ? Promise.resolve(digest(Date.now() + 40_000)) : new Promise(() => {});
        });

        await advance(20_000);

        assert.deepEqual(calls, ["10 nearing", "15 nearing", "20 expired"]);
        assert.deepEqual(events, [
            "15 failed#1 TimeoutError",
            "20 failed#2 TimeoutError",
            "20 expired",
            "20 refreshed",
        ]);
        assert.equal(session.token(), digest(T0 + 60_000));
        assert.equal(session.expiresAt().getTime(), T0 + 60_000);

        // DIGEST tokens carry no issue time: the new timeline starts when the session received the token.
        await advance(20_000);
        assert.deepEqual(calls, ["10 nearing", "15 nearing", "20 expired", "40 nearing"]);
    });

    it("at expiry the refresher is told so, and a refreshed token's session stops being expired", async () => {
        const calls = [];
        start(jwt("first", T0, T0 + 4000), async (isExpired) => {
            calls.push(`${at()} ${isExpired}`);
            if (!isExpired) {
                throw new Error("not yet");
            }
            return jwt("renewed", Date.now(), Date.now() + 4000);
        });

        await advance(6000);

        // ½ at 2 s, its retry at 3 s, expiry at 4 s (true); the renewed token's ½ at 6 s is not expired again.
        assert.deepEqual(calls, ["2 false", "3 false", "4 true", "6 false"]);
    });
});

describe("when the tab was asleep", () => {
    let events;
    let session;
    let page;

    beforeEach(() => {
        fakeTime();
        events = [];
        page = new EventTarget();
    });

    afterEach(() => {
        session?.close();
        mock.timers.reset();
    });

    it("a checkpoint missed while asleep fires as soon as the page is visible again", async () => {
        const calls = [];
        session = initializeToken(
            jwt("first", T0, T0 + 60_000),
            async (isExpired) => {
                calls.push(`${at()} ${isExpired}`);
                return jwt("next", Date.now(), Date.now() + 60_000);
            },
            { listeners: [recorder(events)], document: page },
        );

        // The machine slept from 10 s to 40 s: the wall clock moved, no timer ran.
        await advance(10_000);
        mock.timers.setTime(T0 + 40_000);
        page.dispatchEvent(new Event("visibilitychange"));
        await settle();

        assert.deepEqual(calls, ["40 false"]);
        assert.deepEqual(events, ["40 refreshed"]);
        assert.equal(session.expiresAt().getTime(), T0 + 100_000);
    });

    it("checkpoints missed together fire as one, the latest, with no failure for the one skipped", async () => {
        const calls = [];
        session = initializeToken(
            jwt("first", T0, T0 + 60_000),
            async (isExpired) => {
                calls.push(`${at()} ${isExpired}`);
                return jwt("next", Date.now(), Date.now() + 60_000);
            },
            { listeners: [recorder(events)], document: page },
        );

        mock.timers.setTime(T0 + 50_000); // past ½ (30 s) and ¾ (45 s)
        page.dispatchEvent(new Event("visibilitychange"));
        await settle();

        assert.deepEqual(calls, ["50 false"]);
        assert.deepEqual(events, ["50 refreshed"]);
    });

    it("a tab that slept past the expiry asks with isExpired and hears the expiry first", async () => {
        const calls = [];
        session = initializeToken(
            jwt("first", T0, T0 + 60_000),
            async (isExpired) => {
                calls.push(`${at()} ${isExpired}`);
                return jwt("next", Date.now(), Date.now() + 60_000);
            },
            { listeners: [recorder(events)], document: page },
        );

        mock.timers.setTime(T0 + 90_000);
        page.dispatchEvent(new Event("visibilitychange"));
        await settle();

        assert.deepEqual(calls, ["90 true"]);
        assert.deepEqual(events, ["90 expired", "90 refreshed"]);
    });

    it("without any page event, the periodic wall-clock check fires a checkpoint the suspended timer missed", async () => {
        // A suspended machine: the timers' own clock stands still while the wall clock moves on. Here the timers are
        // faked without Date, and Date.now alone jumps; only the once-a-second check can notice.
        mock.timers.reset();
        mock.timers.enable({ apis: ["setTimeout", "setInterval"] });
        const realNow = Date.now;
        let wall = T0;
        Date.now = () => wall;
        try {
            const calls = [];
            session = initializeToken(
                jwt("first", T0, T0 + 60_000),
                async (isExpired) => {
                    calls.push(`${(wall - T0) / 1000} ${isExpired}`);
                    return new Promise(() => {});
                },
                { document: page },
            );

            wall = T0 + 40_000; // slept 40 s; the checkpoint's timer still waits 30 s of its own clock
            mock.timers.tick(999);
            await settle();
            assert.deepEqual(calls, []);

            mock.timers.tick(1); // the wall-clock check, a second after the start
            await settle();
            assert.deepEqual(calls, ["40 false"]);
        } finally {
            Date.now = realNow;
        }
    });

    it("a checkpoint further away than a timer can wait is neither early nor lost", async () => {
        const day = 24 * 3600 * 1000;
        const calls = [];
        session = initializeToken(
            jwt("first", T0, T0 + 60 * day),
            async () => {
                calls.push(Date.now() - T0);
                return new Promise(() => {});
            },
            { document: page, wallClockCheckMs: day },
        );

        // setTimeout fires at once beyond 2^31 - 1 ms (24.8 days); ½ is at 30 days.
        mock.timers.tick(30 * day - 1);
        await settle();
        assert.deepEqual(calls, []);

        mock.timers.tick(1);
        await settle();
        assert.deepEqual(calls, [30 * day]);
    });

    it("closing removes the page listener and the wall-clock check", async () => {
        let calls = 0;
        session = initializeToken(
            jwt("first", T0, T0 + 8000),
            async () => {
                calls++;
                return jwt("next", Date.now(), Date.now() + 8000);
            },
            { document: page },
        );
        session.close();

        mock.timers.setTime(T0 + 50_000);
        page.dispatchEvent(new Event("visibilitychange"));
        await advance(2000);

        assert.equal(calls, 0);
    });
});

describe("when initializing a token session wrongly", () => {
    beforeEach(fakeTime);
    afterEach(() => mock.timers.reset());

    it("a token without a readable expiry is refused at once", () => {
        assert.throws(() => initializeToken("not a token", async () => "x"), {
            name: "TypeError",
            message: /no readable expiry/,
        });
    });

    it("a refresher that is not a function is refused at once", () => {
        assert.throws(() => initializeToken(jwt("t", T0, T0 + 1000), "refresh"), { name: "TypeError" });
    });

    it("a backoff limit below the first backoff is refused", () => {
        assert.throws(
            () => initializeToken(jwt("t", T0, T0 + 1000), async () => "x", { initialBackoffMs: 10, maxBackoffMs: 5 }),
            { name: "RangeError" },
        );
    });

    it("a timeout that is not positive is refused", () => {
        assert.throws(() => initializeToken(jwt("t", T0, T0 + 1000), async () => "x", { refreshTimeoutMs: 0 }), {
            name: "RangeError",
        });
    });
});
