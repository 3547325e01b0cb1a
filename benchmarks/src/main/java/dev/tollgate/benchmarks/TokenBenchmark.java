package dev.tollgate.benchmarks;

import dev.tollgate.token.DigestTokens;
import dev.tollgate.token.SecretResolver;
import dev.tollgate.token.TokenBuilder;
import dev.tollgate.token.TokenVerifier;
import dev.tollgate.token.Verification;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Mint and verify of a typical channel token (channel alias, remote address, type, one applied tag), beside the raw
 * HMAC-SHA512 over the same claims bytes with the same key, which is the floor any EdgeAuth implementation pays.
 * Report ratios against {@link #rawHmacSha512}, never absolute numbers from another run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TokenBenchmark {
    static final String APPLICATION_ID = "my-application-id";
    static final String SECRET = "a-32-character-application-secret";

    /** Parsed once: a token service computes its expiry from its clock, it does not parse text per token. */
    static final Instant EXPIRES = Instant.parse("2030-01-01T00:00:00Z");

    private TokenBuilder builder;
    private TokenVerifier verifier;
    private String token;
    private byte[] claims;
    private Mac mac;
    private SecretKeySpec key;

    /** Viewers' addresses, one token each, cycled: a token service mints for many users, each with their claims. */
    private static final int VIEWERS = 1024;

    private String[] addresses;
    private byte[][] viewerClaims;
    private int next;

    @Setup
    public void setUp() throws GeneralSecurityException {
        builder = typicalChannelToken();
        token = builder.build();
        claims = builder.value().getBytes(StandardCharsets.UTF_8);
        verifier = TokenVerifier.builder()
                .secrets(SecretResolver.of(APPLICATION_ID, SECRET))
                .build();
        mac = Mac.getInstance("HmacSHA512");
        key = new SecretKeySpec((APPLICATION_ID + SECRET).getBytes(StandardCharsets.UTF_8), "HmacSHA512");
        addresses = new String[VIEWERS];
        viewerClaims = new byte[VIEWERS][];
        for (int i = 0; i < VIEWERS; i++) {
            addresses[i] = "203.0." + (i >> 8) + "." + (i & 0xff);
            TokenBuilder viewer = typicalChannelToken(addresses[i]);
            viewer.build();
            viewerClaims[i] = viewer.value().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The token the benchmarks use: ~400 bytes, as a viewer of one channel would get. */
    static TokenBuilder typicalChannelToken() {
        return typicalChannelToken("203.0.113.42");
    }

    /** The typical channel token, for a viewer at the given address. */
    static TokenBuilder typicalChannelToken(String remoteAddress) {
        return new TokenBuilder()
                .withApplicationId(APPLICATION_ID)
                .withSecret(SECRET)
                .expiresAt(EXPIRES)
                .forChannelAlias("my-channel")
                .forRemoteAddress(remoteAddress)
                .forStreamingOnly()
                .applyTag("customer=acme-corp");
    }

    @Benchmark
    public byte[] rawHmacSha512() throws GeneralSecurityException {
        mac.init(key);
        return mac.doFinal(claims);
    }

    @Benchmark
    public Verification verifyAndDecode() {
        return DigestTokens.verifyAndDecode(SECRET, token);
    }

    @Benchmark
    public Verification verifyWithExpiry() {
        return verifier.verify(token);
    }

    @Benchmark
    public String mint() {
        return builder.build();
    }

    /**
     * As a token service mints: a fresh {@link TokenBuilder} per token, each with its own claims (the viewer's
     * address). Compare with {@link #rawHmacSha512PerViewer}, the raw HMAC over the same claims in the same run.
     */
    @Benchmark
    public String mintWithFreshBuilder() {
        int viewer = next++ & (VIEWERS - 1);
        return typicalChannelToken(addresses[viewer]).build();
    }

    /** The raw HMAC-SHA512 over each viewer's claims bytes, in turn: the floor for {@link #mintWithFreshBuilder}. */
    @Benchmark
    public byte[] rawHmacSha512PerViewer() throws GeneralSecurityException {
        int viewer = next++ & (VIEWERS - 1);
        mac.init(key);
        return mac.doFinal(viewerClaims[viewer]);
    }

    /** Prints the size of the benchmarked token, for the report. */
    public static void main(String[] args) {
        TokenBuilder builder = typicalChannelToken();
        String token = builder.build();
        System.out.println("token: " + token.length() + " bytes; claims: "
                + builder.value().length() + " bytes");
    }
}
