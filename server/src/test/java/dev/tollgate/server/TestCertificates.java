package dev.tollgate.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed test certificates made by the real {@code openssl} (Debian's package; the tests that need one skip
 * without it), as an operator makes them: {@code openssl req -x509 -newkey …}.
 */
final class TestCertificates {
    private TestCertificates() {}

    /** A certificate and its key as PEM files. */
    record Pair(Path certificate, Path key) {
        /** A client context that trusts this certificate only. */
        SSLContext trustingIt() throws Exception {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            try (InputStream in = Files.newInputStream(certificate)) {
                trust.setCertificateEntry("test", (X509Certificate)
                        CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        }
    }

    /**
     * A certificate for {@code address} (an IP subject alternative name, and {@code localhost}) with a key of the
     * given openssl {@code -newkey} kind ({@code ec -pkeyopt ec_paramgen_curve:P-256}, {@code rsa:2048}).
     */
    static Pair make(Path directory, String name, String address, String... newKey) throws Exception {
        assumeTrue(onPath("openssl"), "openssl is not installed: skipping the TLS scenario");
        Path certificate = directory.resolve(name + ".crt");
        Path key = directory.resolve(name + ".key");
        List<String> command = new ArrayList<>(List.of("openssl", "req", "-x509", "-newkey"));
        command.addAll(List.of(newKey));
        command.addAll(List.of(
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=" + address,
                "-addext",
                "subjectAltName=IP:" + address + ",DNS:localhost",
                "-keyout",
                key.toString(),
                "-out",
                certificate.toString()));
        openssl(command);
        return new Pair(certificate, key);
    }

    /** Runs openssl with these arguments, bounded in time; fails the test when it fails. */
    static void openssl(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("openssl failed: " + String.join(" ", command));
            }
        } finally {
            process.destroyForcibly();
        }
    }

    static boolean onPath(String program) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }
}
