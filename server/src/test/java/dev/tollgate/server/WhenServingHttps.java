package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.client.ManualClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --tls-cert --tls-key}: HTTPS with the operator's PEM files, and plain words when they are unusable. */
class WhenServingHttps {
    @TempDir
    Path temporary;

    final ManualClock clock = new ManualClock(Instant.now());

    private ServerConfig config(TestCertificates.Pair pair) {
        return ServerConfig.of(temporary.resolve("data"), 0).withTls(pair.certificate(), pair.key());
    }

    private static HttpResponse<String> get(TestCertificates.Pair trusted, URI url) throws Exception {
        try (HttpClient http = HttpClient.newBuilder()
                .sslContext(trusted.trustingIt())
                .connectTimeout(Duration.ofSeconds(5))
                .build()) {
            return http.send(
                    HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void anEcCertificateServesTheApiOverTls() throws Exception {
        TestCertificates.Pair pair =
                TestCertificates.make(temporary, "ec", "127.0.0.1", "ec", "-pkeyopt", "ec_paramgen_curve:P-256");

        try (TestServer server = TestServer.start(config(pair), clock)) {
            assertThat(server.server.url().toString()).startsWith("https://127.0.0.1:");
            assertThat(server.server.report()).contains("Tollgate listening on https://127.0.0.1:");
            HttpResponse<String> health = get(pair, URI.create(server.server.url() + "/health"));

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(health.sslSession().orElseThrow().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
        }
    }

    @Test
    void anRsaKeyInPkcs1FormServesToo() throws Exception {
        TestCertificates.Pair pair = TestCertificates.make(temporary, "rsa", "127.0.0.1", "rsa:2048");
        Path pkcs1 = temporary.resolve("rsa.pkcs1.key");
        TestCertificates.openssl(
                List.of("openssl", "rsa", "-traditional", "-in", pair.key().toString(), "-out", pkcs1.toString()));
        assertThat(Files.readString(pkcs1)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        TestCertificates.Pair traditional = new TestCertificates.Pair(pair.certificate(), pkcs1);

        try (TestServer server = TestServer.start(config(traditional), clock)) {
            assertThat(get(traditional, URI.create(server.server.url() + "/health"))
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedBeforeAnythingIsCreated() throws Exception {
        TestCertificates.Pair one =
                TestCertificates.make(temporary, "one", "127.0.0.1", "ec", "-pkeyopt", "ec_paramgen_curve:P-256");
        TestCertificates.Pair other =
                TestCertificates.make(temporary, "other", "127.0.0.1", "ec", "-pkeyopt", "ec_paramgen_curve:P-256");
        ServerConfig mismatched = config(new TestCertificates.Pair(one.certificate(), other.key()));

        assertThatThrownBy(() -> TollgateServer.start(mismatched, clock))
                .isInstanceOf(StartupException.class)
                .hasMessage("the TLS key " + other.key() + " does not belong to the certificate " + one.certificate()
                        + " (CN=127.0.0.1)");
        assertThat(temporary.resolve("data").resolve(TollgateServer.ADMIN_CREDENTIAL_FILE))
                .doesNotExist();
    }

    @Test
    void anEncryptedOrSec1KeyIsRefusedWithTheCommandThatConvertsIt() throws Exception {
        TestCertificates.Pair pair =
                TestCertificates.make(temporary, "ec", "127.0.0.1", "ec", "-pkeyopt", "ec_paramgen_curve:P-256");
        Path sec1 = temporary.resolve("ec.sec1.key");
        TestCertificates.openssl(List.of("openssl", "ec", "-in", pair.key().toString(), "-out", sec1.toString()));
        Path encrypted = temporary.resolve("ec.encrypted.key");
        TestCertificates.openssl(List.of(
                "openssl",
                "pkcs8",
                "-topk8",
                "-in",
                pair.key().toString(),
                "-passout",
                "pass:secret",
                "-out",
                encrypted.toString()));

        assertThatThrownBy(
                        () -> TollgateServer.start(config(new TestCertificates.Pair(pair.certificate(), sec1)), clock))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("is in the SEC 1 format")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
        assertThatThrownBy(() ->
                        TollgateServer.start(config(new TestCertificates.Pair(pair.certificate(), encrypted)), clock))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("is encrypted");
    }

    @Test
    void aFileWithoutACertificateIsNamed() throws Exception {
        TestCertificates.Pair pair =
                TestCertificates.make(temporary, "ec", "127.0.0.1", "ec", "-pkeyopt", "ec_paramgen_curve:P-256");

        assertThatThrownBy(() -> TollgateServer.start(config(new TestCertificates.Pair(pair.key(), pair.key())), clock))
                .isInstanceOf(StartupException.class)
                .hasMessage("the TLS certificate file " + pair.key() + " holds no PEM CERTIFICATE block");
    }
}
