package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code HEAD} is answered wherever {@code GET} is, with the GET answer's status and headers and no body (RFC 9110
 * §9.3.2, "curl -I"); {@code Allow} lists it beside GET (review item 8, once a 405).
 */
class WhenAGetEndpointIsAskedForHeadersOnly extends ServerScenario {
    Reply head(String path, Map<String, String> headers) {
        return server.send("HEAD", path, headers, null);
    }

    /**
     * The raw answer to a HEAD request: its head, and whatever bytes follow it within half a second (none are
     * allowed: the GET answer's Content-Length is sent, its body is not).
     */
    String rawHead(String path) throws IOException {
        URI url = URI.create(server.server.url().toString());
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("HEAD " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            while (answer.indexOf("\r\n\r\n") < 0) {
                int b = in.read();
                if (b < 0) {
                    return answer.toString();
                }
                answer.append((char) b);
            }
            socket.setSoTimeout(500);
            try {
                int b = in.read();
                if (b >= 0) {
                    answer.append((char) b);
                }
            } catch (SocketTimeoutException nothingFollows) {
                // The expected end: the connection stays open for the next request, with nothing more sent.
            }
            return answer.toString();
        }
    }

    @Test
    void theHealthCheckAnswersWithHeadersAndNoBody() throws IOException {
        Reply get = server.get("/health", Map.of());
        Reply head = head("/health", Map.of());
        String raw = rawHead("/health");

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Type")).isEqualTo(get.header("Content-Type"));
        assertThat(head.body()).isEmpty();
        assertThat(raw)
                .startsWith("HTTP/1.1 200")
                .contains("Content-Length: " + get.body().length())
                .endsWith("\r\n\r\n");
    }

    @Test
    void theUsageReportAnswersWithItsHeadersAndRefusesAsGetWould() throws IOException {
        App app = server.createApplication("billing");

        Reply head = head("/v1/usage", Map.of("Authorization", app.basic()));
        Reply anonymous = head("/v1/usage", Map.of());

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Cache-Control")).isEqualTo("no-store");
        assertThat(head.header("Content-Type")).startsWith("application/json");
        assertThat(head.body()).isEmpty();
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(rawHead("/v1/usage")).startsWith("HTTP/1.1 401").endsWith("\r\n\r\n");
    }

    @Test
    void allowListsHeadBesideGet() {
        Reply health = server.send("POST", "/health", Map.of(), null);
        Reply usage = server.send("DELETE", "/v1/usage", Map.of(), null);
        Reply token = head("/v1/auth/token", Map.of());

        assertThat(health.status()).isEqualTo(405);
        assertThat(health.header("Allow")).isEqualTo("GET, HEAD");
        assertThat(usage.status()).isEqualTo(405);
        assertThat(usage.header("Allow")).isEqualTo("GET, HEAD");
        // HEAD is only where GET is: a POST-only path still refuses it.
        assertThat(token.status()).isEqualTo(405);
        assertThat(token.header("Allow")).isEqualTo("POST");
    }
}
