// The demo page's module (demo.html): the SDK with a token endpoint of the application's own backend.
import { initializeToken } from "./tollgate.js";

const $ = (id) => document.getElementById(id);
let session;

function log(text) {
    const line = document.createElement("li");
    line.dataset.at = String(Date.now());
    line.dataset.event = text.split(" ")[0];
    line.textContent = `${Date.now()} ${text}`;
    $("timeline").append(line);
}

function showError(error) {
    const box = $("error");
    box.hidden = false;
    box.textContent = error.code ? `${error.code}: ${error.message}` : String(error.message ?? error);
}

/** Asks the backend for a token: the application decides who the participant is, never this page. */
async function fetchToken(tokenUrl, isExpired) {
    const response = await fetch(tokenUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ isExpired }),
    });
    if (!response.ok) {
        throw new Error(`the token endpoint answered ${response.status}`);
    }
    const answer = await response.json();
    return answer.token ?? answer.access_token;
}

function showExpiry() {
    $("expires-at").textContent = session.expiresAt().toISOString();
}

$("start").addEventListener("submit", async (event) => {
    event.preventDefault();
    $("error").hidden = true;
    const tokenUrl = $("token-url").value;
    try {
        session?.close();
        const token = await fetchToken(tokenUrl, false);
        session = initializeToken(
            token,
            (isExpired) => {
                log(`asked ${isExpired ? "expired" : "nearing"}`);
                return fetchToken(tokenUrl, isExpired);
            },
            {
                listeners: [
                    {
                        onTokenRefreshed: () => {
                            log("refreshed");
                            showExpiry();
                        },
                        onTokenExpired: () => log("expired"),
                        onRefreshFailed: (cause, attempt) => log(`failed #${attempt}: ${cause.message}`),
                    },
                ],
            },
        );
        log("initialized");
        showExpiry();
        $("open-button").disabled = false;
    } catch (error) {
        showError(error);
    }
});

$("open-button").addEventListener("click", async () => {
    $("error").hidden = true;
    try {
        const opened = await session.open({ name: $("participant-name").value || undefined });
        $("session-participant").textContent = opened.participant.externalId ?? opened.participant.name ?? "—";
        $("session-verified").textContent = opened.identityFromToken ? "yes" : "no";
        $("session-id").textContent = opened.sessionId;
        $("session").hidden = false;
        log("opened");
    } catch (error) {
        showError(error);
    }
});

// ?tokenUrl=…&name=… fills the form, so that a link can start the demo.
const query = new URLSearchParams(location.search);
if (query.has("tokenUrl")) {
    $("token-url").value = query.get("tokenUrl");
}
if (query.has("name")) {
    $("participant-name").value = query.get("name");
}
