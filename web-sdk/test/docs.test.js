// The page of docs/web-sdk.md, run as written (its module script, with the page's document, the backend's
// /viewing-token and the video element faked): it initializes the token and, on Play, plays the URL playbackUrl built.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { digest } from "../test-fixtures.js";

const DOC = new URL("../../docs/web-sdk.md", import.meta.url);

function pageScript() {
    const markdown = readFileSync(DOC, "utf8");
    const page = markdown.match(/```html\n(<!doctype html>[\s\S]*?)```/);
    assert.ok(page, "docs/web-sdk.md has the page");
    const lines = page[1].trimEnd().split("\n");
    assert.ok(lines.length <= 16, `the page is ${lines.length} lines`);
    return page[1].match(/<script type="module">([\s\S]*?)<\/script>/)[1];
}

describe("when running the docs' page", () => {
    const token = digest(Date.now() + 3_600_000, { applicationId: "app-1" });
    const player = { src: undefined, played: 0, play: async () => player.played++ };
    const button = {};
    const asked = [];
    let directory;

    before(() => {
        directory = mkdtempSync(join(tmpdir(), "web-sdk-docs-"));
        globalThis.document = Object.assign(new EventTarget(), {
            getElementById: (id) => ({ player, play: button })[id],
        });
        globalThis.fetch = async (url, init) => {
            asked.push(`${init?.method ?? "GET"} ${url}`);
            return new Response(token);
        };
    });

    after(() => {
        delete globalThis.document;
        delete globalThis.fetch;
        rmSync(directory, { recursive: true, force: true });
    });

    it("it plays the gated stream with the URL the SDK builds from the current token", async () => {
        const sdk = pathToFileURL(new URL("../tollgate.js", import.meta.url).pathname).href;
        const script = pageScript().replace('"/sdk/tollgate.js"', JSON.stringify(sdk));
        const file = join(directory, "page.mjs");
        writeFileSync(file, script);

        await import(pathToFileURL(file).href);
        await button.onclick();

        assert.deepEqual(asked, ["POST /viewing-token"]);
        const url = new URL(player.src);
        assert.equal(url.origin + url.pathname, "https://media.example/hls/app-1/news/index.m3u8");
        assert.equal(url.searchParams.get("token"), token);
        assert.equal(player.played, 1);
    });
});
