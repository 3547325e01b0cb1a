package dev.tollgate.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The error shape is the route's, as registered: the router puts it on the request, no list of paths decides. */
class RouterTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private Server server;
    private URI base;

    @BeforeEach
    void serveOneRouteOfEachShape() throws Exception {
        Route refuses = (request, response) -> {
            throw Rejection.badRequest(ErrorCode.INVALID_VALUE, "refused on purpose")
                    .oauth("invalid_grant");
        };
        Routes routes = new Routes()
                .post("/oauth-style", ErrorShape.OAUTH, refuses)
                .post("/plain", refuses)
                .post("/v1/auth/token", refuses);
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setPort(0);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Router(routes, Plumbing.create(Clock.systemUTC()).errors()));
        server.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(base.resolve(path))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void rejectWhenTheRouteWasRegisteredOauthStyleThenTheBodyIsErrorAndErrorDescription() throws Exception {
        HttpResponse<String> reply = send("POST", "/oauth-style");

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.body())
                .isEqualTo("{\"error\":\"invalid_grant\",\"error_description\":\"refused on purpose\"}");
    }

    @Test
    void rejectWhenTheRouteWasRegisteredPlainThenTheBodyIsCodeAndMessageWhateverItsPath() throws Exception {
        HttpResponse<String> plain = send("POST", "/plain");
        // An OAuth2 token path registered without the flag: the path alone decides nothing any more.
        HttpResponse<String> oauthPathUnflagged = send("POST", "/v1/auth/token");

        assertThat(plain.body()).isEqualTo("{\"code\":\"invalid-value\",\"message\":\"refused on purpose\"}");
        assertThat(oauthPathUnflagged.body()).startsWith("{\"code\":\"invalid-value\"");
    }

    @Test
    void rejectWhenAnOauthStylePathIsAskedWithAnotherMethodThenThe405IsOauthStyleToo() throws Exception {
        HttpResponse<String> reply = send("GET", "/oauth-style");

        assertThat(reply.statusCode()).isEqualTo(405);
        assertThat(reply.body()).startsWith("{\"error\":\"invalid_request\",\"error_description\":");
    }

    @Test
    void errorShapeWhenNoRouteServesThePathThenTollgate() throws Exception {
        HttpResponse<String> reply = send("POST", "/nowhere");

        assertThat(reply.statusCode()).isEqualTo(404);
        assertThat(reply.body()).startsWith("{\"code\":\"not-found\"");
    }

    @Test
    void postWhenOnePathIsRegisteredInBothShapesThenItIsRefusedAtRegistration() {
        Route answers = (request, response) -> response.send(new byte[0]);
        Routes routes = new Routes().post("/token", ErrorShape.OAUTH, answers);

        assertThatThrownBy(() -> routes.put("/token", answers))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PUT /token answers errors as TOLLGATE, its other routes as OAUTH");
    }
}
