package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tollgate.client.Application;
import dev.tollgate.client.CreatedApplication;
import dev.tollgate.client.Credentials;
import dev.tollgate.client.RetiredSecrets;
import dev.tollgate.client.RotatedSecret;
import dev.tollgate.client.TollgateClient;
import dev.tollgate.client.TollgateException;
import dev.tollgate.client.UsageQuery;
import dev.tollgate.client.UsageReport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SDK's admin calls against the real server, as {@code tollgate app ...} makes them: create, list, rotate,
 * retire, delete, and the stable codes of what the server refuses. (The client module cannot start the server, which
 * depends on it; its {@code WhenRetryingAnAdminCall} covers the retry rules against a misbehaving network.)
 */
class WhenTheJavaClientAdministersApplications extends ServerScenario {
    TollgateClient client;
    Credentials.Admin admin;

    @BeforeEach
    void connect() {
        client = TollgateClient.builder().baseUrl(server.server.url()).build();
        admin = Credentials.admin(server.admin);
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void aCreatedApplicationsCredentialsObtainAnApiTokenWithItsScopes() {
        CreatedApplication created =
                client.createApplication(admin, "  sdk-created ", List.of("comms:client_access_token:create"));

        assertThat(created.name()).isEqualTo("sdk-created");
        assertThat(created.scopes()).containsExactly("comms:client_access_token:create");
        assertThat(created.toString()).doesNotContain(created.secret());
        assertThat(client.apiToken(created.applicationId(), created.secret(), Duration.ofMinutes(5))
                        .scopes())
                .containsExactly("comms:client_access_token:create");
    }

    @Test
    void theListShowsEveryApplicationWithoutItsSecrets() {
        CreatedApplication first = client.createApplication(admin, "first", List.of());
        CreatedApplication second = client.createApplication(admin, "second", List.of());

        List<Application> applications = client.applications(admin);

        assertThat(applications)
                .filteredOn(application -> application.applicationId().equals(first.applicationId()))
                .singleElement()
                .satisfies(application -> {
                    assertThat(application.name()).isEqualTo("first");
                    assertThat(application.scopes())
                            .containsExactly(
                                    "comms:client_access_token:create",
                                    "edge:token:create",
                                    "channels:manage",
                                    "revocations:manage");
                    assertThat(application.activeSecrets()).isEqualTo(1);
                    assertThat(application.createdAt()).isEqualTo(first.createdAt());
                });
        assertThat(applications).extracting(Application::applicationId).contains(second.applicationId());
        assertThat(applications.toString()).doesNotContain(first.secret(), second.secret());
    }

    @Test
    void aRotationKeepsTheOldSecretWorkingUntilItIsRetired() {
        CreatedApplication created = client.createApplication(admin, "rotating", List.of());

        RotatedSecret rotated = client.rotateSecret(admin, created.applicationId());
        client.apiToken(created.applicationId(), created.secret(), Duration.ofMinutes(5));
        RetiredSecrets retired = client.retireOlderSecrets(admin, created.applicationId());
        RetiredSecrets again = client.retireOlderSecrets(admin, created.applicationId());
        TollgateException oldSecret = catchThrowableOfType(
                TollgateException.class,
                () -> client.apiToken(created.applicationId(), created.secret(), Duration.ofMinutes(5)));

        assertThat(rotated.applicationId()).isEqualTo(created.applicationId());
        assertThat(rotated.secret()).isNotEqualTo(created.secret());
        assertThat(rotated.activeSecrets()).isEqualTo(2);
        assertThat(retired).isEqualTo(new RetiredSecrets(created.applicationId(), 1, 1));
        assertThat(again).isEqualTo(new RetiredSecrets(created.applicationId(), 0, 1));
        assertThat(oldSecret.code()).isEqualTo("invalid_client");
        assertThat(client.apiToken(created.applicationId(), rotated.secret(), Duration.ofMinutes(5))
                        .tokenType())
                .isEqualTo("Bearer");
    }

    @Test
    void aDeletedApplicationIsGoneAndDeletingItAgainIsNotFound() {
        CreatedApplication created = client.createApplication(admin, "deleted", List.of());

        client.deleteApplication(admin, created.applicationId());
        TollgateException again = catchThrowableOfType(
                TollgateException.class, () -> client.deleteApplication(admin, created.applicationId()));
        TollgateException rotate = catchThrowableOfType(
                TollgateException.class, () -> client.rotateSecret(admin, created.applicationId()));

        assertThat(client.applications(admin))
                .extracting(Application::applicationId)
                .doesNotContain(created.applicationId());
        assertThat(again.code()).isEqualTo("application-not-found");
        assertThat(again.status()).contains(404);
        assertThat(rotate.code()).isEqualTo("application-not-found");
    }

    @Test
    void aWrongAdminCredentialIsUnauthorizedAndAnApplicationsOwnIsToo() {
        CreatedApplication created = client.createApplication(admin, "not-an-admin", List.of());

        TollgateException wrong = catchThrowableOfType(
                TollgateException.class, () -> client.applications(Credentials.admin("tga_wrong")));
        TollgateException applicationSecret = catchThrowableOfType(
                TollgateException.class,
                () -> client.createApplication(Credentials.admin(created.secret()), "sneaky", List.of()));

        assertThat(wrong.code()).isEqualTo("unauthorized");
        assertThat(wrong.status()).contains(401);
        assertThat(applicationSecret.code()).isEqualTo("unauthorized");
    }

    @Test
    void whatTheServerRefusesToCreateComesWithItsCode() {
        TollgateException scope = catchThrowableOfType(
                TollgateException.class, () -> client.createApplication(admin, "scoped", List.of("no:such:scope")));
        TollgateException name =
                catchThrowableOfType(TollgateException.class, () -> client.createApplication(admin, "  ", List.of()));

        assertThat(scope.code()).isEqualTo("unknown-scope");
        assertThat(scope.status()).contains(400);
        assertThat(name.code()).isEqualTo("invalid-name");
    }

    @Test
    void theAdminCredentialReadsTheUsageOfAnApplicationItCreated() {
        CreatedApplication created = client.createApplication(admin, "usage", List.of());

        UsageReport report = client.usage(
                admin,
                UsageQuery.builder().applicationId(created.applicationId()).build());
        TollgateException unnamed = catchThrowableOfType(
                TollgateException.class,
                () -> client.usage(admin, UsageQuery.builder().build()));

        assertThat(report.applicationId()).isEqualTo(created.applicationId());
        assertThat(report.rows()).isEmpty();
        assertThat(unnamed.code()).isEqualTo("missing-parameter");
    }
}
