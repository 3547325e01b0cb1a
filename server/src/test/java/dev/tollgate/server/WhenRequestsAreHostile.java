package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhenRequestsAreHostile extends ServerScenario {
    App app;
    String apiToken;

    @BeforeEach
    void createApplication() {
        app = server.createApplication("demo");
        apiToken = server.apiToken(app, null);
    }

    /** Nothing stored is lost: the application still authenticates after every attack. */
    @AfterEach
    void theApplicationStillWorks() {
        if (server != null) {
            assertThat(server.apiToken(app, null)).isNotBlank();
        }
    }

    static void assertRejected(Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("\tat ");
        String actual = reply.json().has("code")
                ? reply.json().get("code").asText()
                : reply.json().get("error").asText();
        assertThat(actual).isEqualTo(code);
    }

    @Test
    void malformedJsonIsABadRequest() {
        assertRejected(server.postJson("/v1/edge-tokens", app.basic(), "{\"channel\":"), 400, "malformed-json");
        assertRejected(server.postJson("/v1/edge-tokens", app.basic(), "[1,2]"), 400, "malformed-json");
        assertRejected(server.postJson("/v1/edge-tokens", app.basic(), "{\"a\":1,\"a\":2}"), 400, "malformed-json");
        assertRejected(server.postJson("/v1/edge-tokens", app.basic(), "[".repeat(5000)), 400, "malformed-json");
        assertRejected(
                server.postJson("/v2/client-access-token", "Bearer " + apiToken, "{nope"), 400, "invalid_request");
    }

    @Test
    void oversizedBodiesAreRefusedWithoutBeingRead() {
        String big = "{\"name\":\"" + "x".repeat(200_000) + "\"}";
        assertRejected(
                server.postJson("/v1/admin/applications", server.adminAuthorization(), big), 413, "payload-too-large");
        Reply form = server.postForm(
                "/v1/auth/token", app.basic(), "grant_type=client_credentials&x=" + "y".repeat(100_000));
        assertRejected(form, 413, "invalid_request");
        // Past the HTTP layer's 1 MiB cut-off the server answers 413 and closes the connection while the client may
        // still be sending; the client then sees either the 413 or the closed connection. Never a 2xx or a 5xx.
        try {
            Reply huge = server.postJson("/v1/edge-tokens", app.basic(), "{\"tag\":\"" + "z".repeat(3_000_000) + "\"}");
            assertThat(huge.status()).isEqualTo(413);
        } catch (java.io.UncheckedIOException closedWhileSending) {
            assertThat(closedWhileSending).hasRootCauseInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void wrongContentTypesAreUnsupported() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", app.basic());
        headers.put("Content-Type", "text/plain");
        Reply json = server.send("POST", "/v1/edge-tokens", headers, "{}".getBytes(StandardCharsets.UTF_8));
        Reply form = server.send(
                "POST", "/v1/auth/token", headers, "grant_type=client_credentials".getBytes(StandardCharsets.UTF_8));
        Reply formAsJson = server.postJson("/v1/auth/token", app.basic(), "{\"grant_type\":\"client_credentials\"}");

        assertRejected(json, 415, "unsupported-media-type");
        assertRejected(form, 415, "invalid_request");
        assertRejected(formAsJson, 415, "invalid_request");
    }

    @Test
    void unknownFieldsAndWrongTypesAreNamed() {
        Reply unknown = server.postJson("/v2/client-access-token", "Bearer " + apiToken, "{\"sessionscope\":\"x\"}");
        Reply wrongType = server.postJson("/v2/client-access-token", "Bearer " + apiToken, "{\"externalId\":42}");
        Reply missing = server.postJson("/v1/admin/applications", server.adminAuthorization(), "{}");

        assertRejected(unknown, 400, "invalid_request");
        assertThat(unknown.json().get("error_description").asText()).contains("sessionscope");
        assertRejected(wrongType, 400, "invalid_request");
        assertRejected(missing, 400, "missing-field");
    }

    @Test
    void badAuthorizationHeadersAreRefusedAsInvalidClient() {
        String[] headers = {
            "Basic",
            "Basic !!!not-base64!!!",
            "Basic " + java.util.Base64.getEncoder().encodeToString("no-colon".getBytes(StandardCharsets.UTF_8)),
            "Basic " + java.util.Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, ':', 'x'}),
            "Basic " + java.util.Base64.getEncoder().encodeToString("a\u0000:b".getBytes(StandardCharsets.UTF_8)),
            "Digest username=x",
            "Basic " + "A".repeat(6000),
        };
        for (String header : headers) {
            Reply reply = server.postForm("/v1/auth/token", header, "grant_type=client_credentials");
            // Seven bad headers stay under the ten failures one address may make a minute: each one is a 401.
            assertThat(reply.status()).as(header).isEqualTo(401);
            assertThat(reply.json().get("error").asText()).as(header).isEqualTo("invalid_client");
        }
        String[] bearers = {
            "a.b.c",
            "eyJ.eyJ.x",
            "...",
            "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
            "eyJhbGciOiJIUzI1NiJ9.e30.AAAA",
            "DIGEST:",
            "DIGEST:AAAA",
            "DIGEST:" + "A".repeat(3000)
        };
        for (String token : bearers) {
            Reply reply = server.postJson("/v2/client-access-token", "Bearer " + token, "{}");
            assertRejected(reply, 401, "invalid_token");
            Reply session = server.postJson("/v1/sessions", "Bearer " + token, "{}");
            assertThat(session.status()).as(token).isEqualTo(401);
        }
        Reply bearer = server.postJson("/v2/client-access-token", "Bearer a b c", "{}");
        assertRejected(bearer, 401, "invalid_token");
        Reply garbage = server.postJson("/v2/client-access-token", "Bearer " + "x".repeat(5000), "{}");
        assertRejected(garbage, 401, "invalid_token");
    }

    @Test
    void repeatedOrBrokenFormParametersAreRefused() {
        assertRejected(
                server.postForm("/v1/auth/token", app.basic(), "grant_type=client_credentials&grant_type=password"),
                400,
                "invalid_request");
        assertRejected(
                server.postForm("/v1/auth/token", app.basic(), "grant_type=client_credentials&scope=%zz"),
                400,
                "invalid_request");
    }

    @Test
    void jsonBodiesMustBeStrictUtf8() {
        String json = "{\"token\":\"x\"}";
        Map<String, String> utf16 = Map.of("Content-Type", "application/json");
        Reply utf16le = server.send("POST", "/v1/tokens/verify", utf16, json.getBytes(StandardCharsets.UTF_16LE));
        Reply utf16bom = server.send("POST", "/v1/tokens/verify", utf16, json.getBytes(StandardCharsets.UTF_16));
        Reply utf32 = server.send(
                "POST", "/v1/tokens/verify", utf16, json.getBytes(java.nio.charset.Charset.forName("UTF-32BE")));
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
        byte[] withBom = new byte[bom.length + json.length()];
        System.arraycopy(bom, 0, withBom, 0, bom.length);
        System.arraycopy(json.getBytes(StandardCharsets.UTF_8), 0, withBom, bom.length, json.length());
        Reply utf8bom = server.send("POST", "/v1/tokens/verify", utf16, withBom);
        Reply declared = server.send(
                "POST",
                "/v1/tokens/verify",
                Map.of("Content-Type", "application/json; charset=utf-16"),
                json.getBytes(StandardCharsets.UTF_8));
        Reply utf8 = server.send(
                "POST",
                "/v1/tokens/verify",
                Map.of("Content-Type", "application/json; charset=UTF-8"),
                json.getBytes(StandardCharsets.UTF_8));

        assertRejected(utf16le, 400, "malformed-json");
        assertRejected(utf16bom, 400, "malformed-json");
        assertRejected(utf32, 400, "malformed-json");
        assertRejected(utf8bom, 400, "malformed-json");
        assertRejected(declared, 400, "malformed-json");
        assertThat(utf8.status()).isEqualTo(200);
    }

    @Test
    void aFormValueThatIsNotUtf8OncePercentDecodedIsRefused() {
        assertRejected(
                server.postForm("/v1/auth/token", app.basic(), "grant_type=client_credentials&scope=%ff"),
                400,
                "invalid_request");
        assertRejected(
                server.postForm("/v1/auth/token", app.basic(), "grant_type=client_credentials&scope=%c3"),
                400,
                "invalid_request");
        Reply encoded = server.postForm(
                "/v1/auth/token", app.basic(), "grant_type=client_credentials&scope=edge%3Atoken%3Acreate+%C3%A9");
        assertThat(encoded.status()).as(encoded.body()).isEqualTo(200);
        assertThat(encoded.json().get("scope").asText()).isEqualTo("edge:token:create");
    }

    @Test
    void aForgedLogLineInThePathAndASecretInMalformedJsonNeverReachTheLogRaw() {
        ch.qos.logback.classic.Logger root =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> log =
                new ch.qos.logback.core.read.ListAppender<>();
        log.start();
        root.addAppender(log);
        try {
            server.get("/v1/x%0aFAKE%20LOGLINE%0d%1b%5b31m", Map.of());
            // An unquoted value: Jackson's message would quote it in full.
            server.postJson("/v1/edge-tokens", app.basic(), "{\"channel\":" + app.secret() + "}");
            server.postJson("/v1/edge-tokens", app.basic(), "{\"channel\":" + apiToken + "}");
        } finally {
            root.detachAppender(log);
        }
        java.util.List<String> lines = log.list.stream()
                .filter(event -> event.getLoggerName().startsWith("dev.tollgate"))
                .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                .toList();
        assertThat(lines).anyMatch(line -> line.contains("/v1/x\\nFAKE LOGLINE\\r\\u001b[31m"));
        assertThat(lines).anyMatch(line -> line.contains("code=malformed-json") && line.contains("line 1"));
        assertThat(lines).noneMatch(line -> line.contains("\n") || line.contains("\r") || line.contains("\u001b"));
        String all = String.join("\n", lines);
        assertThat(all).doesNotContain(app.secret()).doesNotContain(apiToken.substring(0, apiToken.indexOf('.')));
    }

    @Test
    void rejectionsAreLoggedWithTheirCodeButNeverWithASecretOrAToken() {
        ch.qos.logback.classic.Logger root =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> log =
                new ch.qos.logback.core.read.ListAppender<>();
        log.start();
        root.addAppender(log);
        try {
            String almostSecret = app.secret().substring(1) + "x";
            server.postForm("/v1/auth/token", new App(app.id(), almostSecret).basic(), "grant_type=client_credentials");
            server.postJson("/v2/client-access-token", "Bearer " + apiToken + "x", "{}");
            server.postJson(
                    "/v2/client-access-token",
                    "Bearer " + apiToken,
                    "{\"externalId\":" + "\"" + "e".repeat(2000) + "\"}");
            server.postJson("/v1/admin/applications/" + app.id() + "/rotate-secret", server.adminAuthorization(), null);
        } finally {
            root.detachAppender(log);
        }
        java.util.List<String> lines = log.list.stream()
                .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                .toList();
        assertThat(lines)
                .anyMatch(line -> line.contains("code=invalid-client"))
                .anyMatch(line -> line.contains("code=invalid-token"))
                .anyMatch(line -> line.contains("code=external-id-too-long"));
        String all = String.join("\n", lines);
        assertThat(all)
                .doesNotContain(app.secret())
                .doesNotContain(app.secret().substring(1))
                .doesNotContain(apiToken.substring(apiToken.lastIndexOf('.')))
                .doesNotContain(server.admin)
                .doesNotContain("eeeeeeeeee");
    }

    @Test
    void anUnparsableRequestIsAnsweredInJsonToo() throws Exception {
        String[] requests = {
            "GET /health HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n",
            "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n",
            "POST /v1/auth/token HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\n\r\nabc",
            // A chunk-size line that is not hex: the HTTP layer fails the body while it is read.
            "POST /v1/tokens/verify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n",
        };
        for (String raw : requests) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.server.port())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertThat(answer).as(raw.substring(0, 30)).startsWith("HTTP/1.1 4");
                assertThat(answer).contains("application/json").doesNotContain("Exception");
                // The first answer, read as a client does: its body is Content-Length bytes after the headers.
                int bodyStart = answer.indexOf("\r\n\r\n") + 4;
                java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)\r\ncontent-length: *(\\d+)\r\n")
                        .matcher(answer.substring(0, bodyStart));
                assertThat(length.find()).as(answer).isTrue();
                assertThat(answer.substring(bodyStart, bodyStart + Integer.parseInt(length.group(1))))
                        .matches("\\{\"(code|error)\":\"[a-z_-]+\",.*\\}");
            }
        }
    }

    @Test
    void unknownPathsAreNotFoundAndWrongMethodsAreNotAllowedInJson() {
        assertRejected(server.get("/nothing/here", Map.of()), 404, "not-found");
        // RFC 9110 §15.5.6: a path that exists for other methods is 405 with Allow; an OAuth2 path answers in the
        // OAuth2 shape.
        Reply token = server.get("/v1/auth/token", Map.of());
        assertRejected(token, 405, "invalid_request");
        assertThat(token.header("Allow")).isEqualTo("POST");
        Reply session = server.send("DELETE", "/v1/sessions/abc", Map.of(), null);
        assertRejected(session, 405, "method-not-allowed");
        assertThat(session.header("Allow")).isEqualTo("PATCH");
        Reply notifications = server.send("POST", "/v1/sessions/abc/notifications", Map.of(), null);
        assertRejected(notifications, 405, "method-not-allowed");
        assertThat(notifications.header("Allow")).contains("GET").contains("PUT");
        assertRejected(
                server.get(
                        "/v1/admin/applications/" + "%C3%A9".repeat(40),
                        Map.of("Authorization", server.adminAuthorization())),
                404,
                "application-not-found");
    }
}
