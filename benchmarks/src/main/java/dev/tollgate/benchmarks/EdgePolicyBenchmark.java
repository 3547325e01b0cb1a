package dev.tollgate.benchmarks;

import dev.tollgate.edge.AccessRequest;
import dev.tollgate.edge.Decision;
import dev.tollgate.edge.EdgePolicy;
import dev.tollgate.edge.GeoLocation;
import dev.tollgate.edge.GeoLocator;
import dev.tollgate.edge.Target;
import dev.tollgate.token.SecretResolver;
import dev.tollgate.token.TokenBuilder;
import dev.tollgate.token.TokenVerifier;
import dev.tollgate.token.Verification;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
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
 * {@link EdgePolicy#decide} for a typical channel token (channel alias, remote address, stream type, one applied tag)
 * with and without a country constraint, beside the raw token verification it starts with and the bare lookup in the
 * bundled country database. What location adds per decision (target: under 2 µs) is {@code (decideWithCountry -
 * verifyWithCountry) - (decide - verify)}: the country token is longer, so part of its cost is verification. Report ratios against {@link #verify}, never absolute numbers from another run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EdgePolicyBenchmark {
    static final String APPLICATION_ID = TokenBenchmark.APPLICATION_ID;
    static final String SECRET = TokenBenchmark.SECRET;
    // A public address the bundled database maps (US), so the country check does real work.
    static final String CLIENT = "8.8.8.8";
    static final Instant NOW = Instant.parse("2029-06-01T00:00:00Z");

    private TokenVerifier verifier;
    private EdgePolicy policy;
    private GeoLocator locator;
    private String token;
    private String countryToken;
    private AccessRequest request;
    private InetAddress client;

    @Setup
    public void setUp() throws UnknownHostException {
        SecretResolver secrets = SecretResolver.of(APPLICATION_ID, SECRET);
        verifier = TokenVerifier.builder().secrets(secrets).build();
        locator = GeoLocator.bundled();
        policy = EdgePolicy.builder().verifier(verifier).geoLocator(locator).build();
        token = typicalChannelToken().build();
        countryToken = typicalChannelToken().allowCountries("US", "CA").build();
        request = AccessRequest.builder()
                .subscribe(Target.channel("us-east#my-application-id#my-channel.a1b2", "my-channel"))
                .applicationId(APPLICATION_ID)
                .remoteAddress(CLIENT)
                .time(NOW)
                .build();
        client = InetAddress.getByName(CLIENT);
        if (!policy.decide(token, request).isAllowed()
                || !policy.decide(countryToken, request).isAllowed()) {
            throw new IllegalStateException("the benchmark tokens must be allowed:\n"
                    + policy.decide(countryToken, request).explain());
        }
    }

    static TokenBuilder typicalChannelToken() {
        return TokenBenchmark.typicalChannelToken(CLIENT);
    }

    @Benchmark
    public Verification verify() {
        return verifier.verify(token, NOW);
    }

    /** The country token is longer (one more capability), so its verification alone costs more. */
    @Benchmark
    public Verification verifyWithCountry() {
        return verifier.verify(countryToken, NOW);
    }

    @Benchmark
    public Decision decide() {
        return policy.decide(token, request);
    }

    @Benchmark
    public Decision decideWithCountry() {
        return policy.decide(countryToken, request);
    }

    @Benchmark
    public GeoLocation lookup() {
        return locator.lookup(client);
    }
}
