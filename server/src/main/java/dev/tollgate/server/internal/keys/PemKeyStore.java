package dev.tollgate.server.internal.keys;

import dev.tollgate.server.StartupException;
import dev.tollgate.server.internal.store.DataDirectory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TLS certificate chain and its private key, read from the PEM files operators have (what certbot, cert-manager
 * and {@code openssl req} write), as an in-memory key store for Jetty. Reads {@code CERTIFICATE} blocks (leaf first),
 * and a {@code PRIVATE KEY} (PKCS #8: RSA, EC, Ed25519) or {@code RSA PRIVATE KEY} (PKCS #1) block. Checks at start
 * that the key belongs to the leaf certificate, so a mismatch fails {@code serve} in one line instead of every
 * handshake.
 *
 * <p>Stateless; {@link #load} is thread-safe.
 */
public final class PemKeyStore {
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----", Pattern.DOTALL);

    // DER of AlgorithmIdentifier { rsaEncryption, NULL }: wraps a PKCS #1 key into PKCS #8 (RFC 5208, RFC 8017 A.1).
    private static final byte[] RSA_ALGORITHM = HexFormat.of().parseHex("300d06092a864886f70d0101010500");

    private static final String CONVERT = "openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pkcs8.pem";

    /** The alias of the one entry. */
    public static final String ALIAS = "tollgate";

    /** A key store holding the chain and key, and the password that opens the key (random, never stored). */
    public record Loaded(KeyStore keyStore, String password, X509Certificate leaf) {}

    private PemKeyStore() {}

    /**
     * @throws StartupException when a file cannot be read, holds no certificate or key, holds an encrypted or
     *     unsupported key, or when the key does not belong to the certificate
     */
    public static Loaded load(Path certificateFile, Path keyFile) {
        List<X509Certificate> chain = certificates(certificateFile);
        PrivateKey key = privateKey(keyFile);
        X509Certificate leaf = chain.getFirst();
        if (!belongTogether(key, leaf)) {
            throw new StartupException("the TLS key " + keyFile + " does not belong to the certificate "
                    + certificateFile + " (" + leaf.getSubjectX500Principal().getName() + ")");
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            String password = Base64.getEncoder().encodeToString(random);
            store.setKeyEntry(ALIAS, key, password.toCharArray(), chain.toArray(Certificate[]::new));
            return new Loaded(store, password, leaf);
        } catch (GeneralSecurityException | IOException e) {
            throw new StartupException(
                    "cannot use the TLS key " + keyFile + " with its certificate: " + e.getMessage());
        }
    }

    private static List<X509Certificate> certificates(Path file) {
        List<X509Certificate> chain = new ArrayList<>();
        for (Block block : blocks(file)) {
            if (!block.type().equals("CERTIFICATE")) {
                continue;
            }
            try {
                chain.add((X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(block.der())));
            } catch (CertificateException e) {
                throw new StartupException(
                        "the TLS certificate file " + file + " holds a CERTIFICATE block that is not X.509");
            }
        }
        if (chain.isEmpty()) {
            throw new StartupException("the TLS certificate file " + file + " holds no PEM CERTIFICATE block");
        }
        return chain;
    }

    private static PrivateKey privateKey(Path file) {
        for (Block block : blocks(file)) {
            switch (block.type()) {
                case "PRIVATE KEY" -> {
                    return pkcs8(block.der(), file);
                }
                case "RSA PRIVATE KEY" -> {
                    return pkcs8(wrapRsa(block.der()), file);
                }
                case "ENCRYPTED PRIVATE KEY" ->
                    throw new StartupException("the TLS key " + file + " is encrypted: serve needs it unencrypted"
                            + " in a file only it may read (" + CONVERT + ")");
                case "EC PRIVATE KEY" ->
                    throw new StartupException("the TLS key " + file + " is in the SEC 1 format: convert it to"
                            + " PKCS #8 (" + CONVERT + ")");
                default -> {
                    // Another block (a certificate in the same file, EC PARAMETERS): look on.
                }
            }
        }
        throw new StartupException("the TLS key file " + file + " holds no PEM PRIVATE KEY block");
    }

    private static PrivateKey pkcs8(byte[] der, Path file) {
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException e) {
                // Not this algorithm: try the next.
            } catch (GeneralSecurityException e) {
                // This JDK lacks the algorithm: try the next.
            }
        }
        throw new StartupException("the TLS key " + file + " is not an RSA, EC or EdDSA key this JDK can read");
    }

    /** PrivateKeyInfo ::= SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING (the PKCS #1 key) }. */
    private static byte[] wrapRsa(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(RSA_ALGORITHM);
        body.writeBytes(derHeader(0x04, pkcs1.length));
        body.writeBytes(pkcs1);
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        info.writeBytes(derHeader(0x30, body.size()));
        info.writeBytes(body.toByteArray());
        return info.toByteArray();
    }

    private static byte[] derHeader(int tag, int length) {
        if (length < 0x80) {
            return new byte[] {(byte) tag, (byte) length};
        }
        int bytes = length <= 0xff ? 1 : length <= 0xffff ? 2 : length <= 0xffffff ? 3 : 4;
        byte[] header = new byte[2 + bytes];
        header[0] = (byte) tag;
        header[1] = (byte) (0x80 | bytes);
        for (int i = 0; i < bytes; i++) {
            header[2 + i] = (byte) (length >>> (8 * (bytes - 1 - i)));
        }
        return header;
    }

    /** Signs a message with the key and checks it with the certificate's public key. */
    private static boolean belongTogether(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "Ed448" -> "Ed448";
            default -> null;
        };
        if (algorithm == null) {
            return false;
        }
        try {
            byte[] message = "tollgate tls key check".getBytes(StandardCharsets.UTF_8);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(message);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private record Block(String type, byte[] der) {}

    private static List<Block> blocks(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new StartupException("cannot read the TLS file " + file + ": " + DataDirectory.reason(e));
        }
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            try {
                blocks.add(new Block(matcher.group(1), Base64.getMimeDecoder().decode(matcher.group(2))));
            } catch (IllegalArgumentException e) {
                throw new StartupException(
                        "the TLS file " + file + " holds a " + matcher.group(1) + " block that is not base64");
            }
        }
        return blocks;
    }
}
