package dev.tollgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The retry rules of the admin calls, against a loopback server that times out or answers 503 on purpose: what
 * creates something (an application, a secret) is sent once; what a repeat cannot change (list, retire, delete) goes
 * again. The calls themselves against the real server: {@code WhenTheJavaClientAdministersApplications} in the server
 * module.
 */
class WhenRetryingAnAdminCall {
    private static final Credentials.Admin ADMIN = Credentials.admin("tga_test");
    private static final String UNAVAILABLE = "{\"code\":\"store-unavailable\",\"message\":\"later\"}";
    private static final String LIST = "{\"applications\":[{\"applicationId\":\"app-1\",\"name\":\"demo\","
            + "\"scopes\":[\"comms:client_access_token:create\"],\"activeSecrets\":2,"
            + "\"createdAt\":\"2026-11-01T12:00:00Z\",\"updatedAt\":\"2026-11-02T12:00:00Z\"}]}";

    private LocalServer server;
    private final List<TollgateClient> clients = new ArrayList<>();
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(TollgateClient::close);
        if (server != null) {
            server.close();
        }
    }

    private TollgateClient client() {
        TollgateClient client = TollgateClient.builder()
                .baseUrl(server.url())
                .timeout(Duration.ofMillis(400))
                .retryBackoff(Duration.ofMillis(10))
                .build();
        clients.add(client);
        return client;
    }

    /** Plays the server: the first request times out or gets {@code first}, the later ones {@code then}. */
    private void serve(int firstStatus, String first, int thenStatus, String then) {
        server = LocalServer.start((exchange, n) -> {
            seen.add(
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " "
                            + exchange.getRequestHeaders().getFirst("Authorization"));
            if (n == 1 && firstStatus == 0) {
                Thread.sleep(1_500);
                return;
            }
            LocalServer.reply(exchange, n == 1 ? firstStatus : thenStatus, n == 1 ? first : then);
        });
    }

    @Test
    void creatingAnApplicationThatTimesOutIsNotSentAgain() throws Exception {
        serve(0, "", 201, "{}");

        assertThatThrownBy(() -> client().createApplication(ADMIN, "demo", List.of()))
                .isInstanceOfSatisfying(
                        TollgateException.class, e -> assertThat(e.code()).isEqualTo(TollgateException.TIMEOUT));
        Thread.sleep(100);
        assertThat(seen).containsExactly("POST /v1/admin/applications Bearer tga_test");
    }

    @Test
    void aRotationAnsweredWithServiceUnavailableIsNotSentAgain() {
        serve(503, UNAVAILABLE, 200, "{}");

        assertThatThrownBy(() -> client().rotateSecret(ADMIN, "app-1"))
                .isInstanceOfSatisfying(TollgateException.class, e -> {
                    assertThat(e.code()).isEqualTo("store-unavailable");
                    assertThat(e.status()).contains(503);
                });
        assertThat(seen).containsExactly("POST /v1/admin/applications/app-1/rotate-secret Bearer tga_test");
    }

    @Test
    void theListIsAskedForAgainAfterServiceUnavailable() {
        serve(503, UNAVAILABLE, 200, LIST);

        List<Application> applications = client().applications(ADMIN);

        assertThat(applications)
                .containsExactly(new Application(
                        "app-1",
                        "demo",
                        List.of("comms:client_access_token:create"),
                        2,
                        Instant.parse("2026-11-01T12:00:00Z"),
                        Instant.parse("2026-11-02T12:00:00Z")));
        assertThat(seen).hasSize(2).allMatch(request -> request.equals("GET /v1/admin/applications Bearer tga_test"));
    }

    @Test
    void aRetirementThatTimesOutIsSentAgainAndCountsWhatTheAnswerSays() {
        serve(0, "", 200, "{\"applicationId\":\"app-1\",\"retired\":0,\"activeSecrets\":1}");

        RetiredSecrets retired = client().retireOlderSecrets(ADMIN, "app-1");

        assertThat(retired).isEqualTo(new RetiredSecrets("app-1", 0, 1));
        assertThat(seen).hasSize(2);
    }

    @Test
    void aDeleteThatTimedOutAndIsThenNotFoundWasDoneByTheFirstAttempt() {
        serve(0, "", 404, "{\"code\":\"not-found\",\"message\":\"no such application\"}");

        client().deleteApplication(ADMIN, "app-1");

        assertThat(seen)
                .containsExactly(
                        "DELETE /v1/admin/applications/app-1 Bearer tga_test",
                        "DELETE /v1/admin/applications/app-1 Bearer tga_test");
    }

    @Test
    void aDeleteOfAnUnknownApplicationAtTheFirstAttemptIsNotFound() {
        serve(404, "{\"code\":\"not-found\",\"message\":\"no such application\"}", 200, "{}");

        assertThatThrownBy(() -> client().deleteApplication(ADMIN, "a/b c"))
                .isInstanceOfSatisfying(TollgateException.class, e -> {
                    assertThat(e.code()).isEqualTo("not-found");
                    assertThat(e.status()).contains(404);
                });
        // The ID stays one path segment, whatever it holds.
        assertThat(seen).containsExactly("DELETE /v1/admin/applications/a%2Fb%20c Bearer tga_test");
    }
}
