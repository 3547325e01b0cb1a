package dev.tollgate.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signing and verifying a client access token with Nimbus: ES256 (P-256, the JDK's provider) against EdDSA/Ed25519
 * (Tink, as Nimbus requires). The server's algorithm choice rests on this; see docs/security.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JwtSigningBenchmark {
    @Param({"ES256", "Ed25519"})
    public String algorithm;

    private JWSSigner signer;
    private JWSVerifier verifier;
    private JWSHeader header;
    private JWTClaimsSet claims;
    private String token;

    @Setup
    public void setUp() throws JOSEException {
        if (algorithm.equals("ES256")) {
            ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k").generate();
            signer = new ECDSASigner(key);
            verifier = new ECDSAVerifier(key.toPublicJWK());
            header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                    .keyID("k")
                    .type(JOSEObjectType.JWT)
                    .build();
        } else {
            OctetKeyPair key =
                    new OctetKeyPairGenerator(Curve.Ed25519).keyID("k").generate();
            signer = new Ed25519Signer(key);
            verifier = new Ed25519Verifier(key.toPublicJWK());
            header = new JWSHeader.Builder(JWSAlgorithm.EdDSA)
                    .keyID("k")
                    .type(JOSEObjectType.JWT)
                    .build();
        }
        claims = new JWTClaimsSet.Builder()
                .issuer("tollgate")
                .subject("app-0123456789abcdef")
                .audience("tollgate-client")
                .issueTime(new Date())
                .expirationTime(new Date(System.currentTimeMillis() + 3_600_000))
                .jwtID("7f1c2a52-0d1e-4a43-9d38-2f0e9e8d7c11")
                .claim("scope", "conf:create notifications:set")
                .claim("external_id", "alice@example.com")
                .build();
        token = sign();
    }

    @Benchmark
    public String sign() throws JOSEException {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    @Benchmark
    public boolean verify() throws JOSEException, ParseException {
        return SignedJWT.parse(token).verify(verifier);
    }
}
