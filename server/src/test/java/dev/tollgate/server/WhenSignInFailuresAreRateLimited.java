package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: wrong passwords are rate-limited per address and per account, as application secrets are, without
 * locking the account's owner out.
 */
class WhenSignInFailuresAreRateLimited extends ServerScenario {
    private static final String WRONG = "not the password at all";

    private TestServer.Reply signInFrom(String address, String email, String password) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.server.url() + "/v1/dashboard/sign-in"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"))
                .build();
        try (HttpClient client = HttpClient.newBuilder()
                .localAddress(InetAddress.getByName(address))
                .connectTimeout(Duration.ofSeconds(5))
                .build()) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new TestServer.Reply(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anAddressIsBlockedAfterTenFailuresUntilItsBucketRefills() {
        DashboardAccounts.signedIn(server, "ada@example.com", "admin");
        for (int i = 0; i < 10; i++) {
            assertThat(signInFrom("127.0.0.2", "ada@example.com", WRONG).status())
                    .isEqualTo(401);
        }

        TestServer.Reply blocked = signInFrom("127.0.0.2", "ada@example.com", DashboardAccounts.PASSWORD);

        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.json().get("code").asText()).isEqualTo("too-many-failed-attempts");
        assertThat(Long.parseLong(blocked.header("Retry-After"))).isBetween(1L, 60L);
        // The owner at another address is not affected.
        assertThat(signInFrom("127.0.0.3", "ada@example.com", DashboardAccounts.PASSWORD)
                        .status())
                .isEqualTo(200);
        clock.advance(Duration.ofMinutes(1));
        assertThat(signInFrom("127.0.0.2", "ada@example.com", DashboardAccounts.PASSWORD)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void anAccountsSpentBudgetRefusesWrongPasswordsButNotTheRightOne() {
        DashboardAccounts.signedIn(server, "ada@example.com", "admin");
        // Twenty failures from two addresses (ten each stays under the per-address budget): the account's is spent.
        for (int i = 0; i < 10; i++) {
            assertThat(signInFrom("127.0.0.4", "ada@example.com", WRONG).status())
                    .isEqualTo(401);
            assertThat(signInFrom("127.0.0.5", "ada@example.com", WRONG).status())
                    .isEqualTo(401);
        }

        TestServer.Reply wrong = signInFrom("127.0.0.6", "ada@example.com", WRONG);
        TestServer.Reply right = signInFrom("127.0.0.7", "ada@example.com", DashboardAccounts.PASSWORD);

        assertThat(wrong.status()).isEqualTo(429);
        assertThat(wrong.header("Retry-After")).isNotNull();
        assertThat(right.status()).as("the owner is not locked out").isEqualTo(200);
        // An unknown email is limited the same way: the answer does not tell it from a known one.
        for (int i = 0; i < 10; i++) {
            signInFrom("127.0.0.8", "nobody@example.com", WRONG);
            signInFrom("127.0.0.9", "nobody@example.com", WRONG);
        }
        assertThat(signInFrom("127.0.0.10", "nobody@example.com", WRONG).status())
                .isEqualTo(429);
    }
}
