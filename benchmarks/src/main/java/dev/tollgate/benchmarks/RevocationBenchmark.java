package dev.tollgate.benchmarks;

import dev.tollgate.edge.AccessRequest;
import dev.tollgate.edge.Decision;
import dev.tollgate.edge.EdgePolicy;
import dev.tollgate.edge.RevocationKind;
import dev.tollgate.edge.RevocationList;
import dev.tollgate.edge.RevocationSet;
import dev.tollgate.edge.Target;
import dev.tollgate.token.Decoded;
import dev.tollgate.token.DigestTokens;
import dev.tollgate.token.SecretResolver;
import dev.tollgate.token.TokenVerifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
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
 * {@link EdgePolicy#decide} for the typical channel token of {@link EdgePolicyBenchmark} (allowed: no entry matches
 * it) with an empty {@link RevocationSet} and with one of 100,000 entries of the same application (40,000 tokens,
 * 20,000 tags, 20,000 channels, 10,000 sessions, 10,000 subjects), in the same run. What checking revocations costs a
 * decision is {@code decideWith100kEntries - decideWithEmptyList} (issue 12's bound: under 0.5 µs). {@code
 * decideWithoutList} is the policy without a list (no {@code revocation} check at all); {@code
 * decideWith100kEntriesOneAtItsExpiry} the worst case, where a token entry ends at the presented token's expiry so
 * the grant digest (a SHA-256) is computed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RevocationBenchmark {
    static final int ENTRIES = 100_000;
    static final Instant NOW = EdgePolicyBenchmark.NOW;

    private String token;
    private AccessRequest request;
    private EdgePolicy withoutList;
    private EdgePolicy withEmptyList;
    private EdgePolicy with100k;
    private EdgePolicy with100kOneAtItsExpiry;

    @Setup
    public void setUp() {
        TokenVerifier verifier = TokenVerifier.builder()
                .secrets(SecretResolver.of(EdgePolicyBenchmark.APPLICATION_ID, EdgePolicyBenchmark.SECRET))
                .build();
        token = EdgePolicyBenchmark.typicalChannelToken().build();
        request = AccessRequest.builder()
                .subscribe(Target.channel("us-east#my-application-id#my-channel.a1b2", "my-channel"))
                .applicationId(EdgePolicyBenchmark.APPLICATION_ID)
                .remoteAddress(EdgePolicyBenchmark.CLIENT)
                .time(NOW)
                .build();
        Instant expiry =
                ((Decoded) DigestTokens.decodeUnverified(token)).claims().expiresAt();
        List<RevocationSet.Entry> entries = entries(ENTRIES, expiry.plusSeconds(1));
        List<RevocationSet.Entry> withOneAtItsExpiry = new ArrayList<>(entries);
        withOneAtItsExpiry.set(0, entry(0, RevocationKind.TOKEN, "0".repeat(64), expiry));
        withoutList = policy(verifier, RevocationList.NONE);
        withEmptyList = policy(verifier, RevocationSet.EMPTY);
        with100k = policy(verifier, RevocationSet.of(entries));
        with100kOneAtItsExpiry = policy(verifier, RevocationSet.of(withOneAtItsExpiry));
        for (EdgePolicy policy : List.of(withoutList, withEmptyList, with100k, with100kOneAtItsExpiry)) {
            if (!policy.decide(token, request).isAllowed()) {
                throw new IllegalStateException("the benchmark token must be allowed:\n"
                        + policy.decide(token, request).explain());
            }
        }
    }

    private static EdgePolicy policy(TokenVerifier verifier, RevocationList revocations) {
        return EdgePolicy.builder().verifier(verifier).revocations(revocations).build();
    }

    /** {@code count} entries of the benchmark's application, none matching its token; tokens end after {@code from}. */
    static List<RevocationSet.Entry> entries(int count, Instant from) {
        SplittableRandom random = new SplittableRandom(12);
        List<RevocationSet.Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int slot = i % 10;
            if (slot < 4) {
                byte[] digest = new byte[32];
                random.nextBytes(digest);
                entries.add(entry(
                        i, RevocationKind.TOKEN, HexFormat.of().formatHex(digest), from.plus(Duration.ofMillis(i))));
            } else if (slot < 6) {
                entries.add(entry(i, RevocationKind.TAG, "customer=" + i, from));
            } else if (slot < 8) {
                entries.add(new RevocationSet.Entry(
                        "rev_" + i,
                        EdgePolicyBenchmark.APPLICATION_ID,
                        RevocationKind.CHANNEL,
                        "us-east#my-application-id#channel-" + i + ".a1b2",
                        Optional.of("channel-" + i),
                        from));
            } else if (slot == 8) {
                entries.add(entry(i, RevocationKind.SESSION, "session-" + i, from));
            } else {
                entries.add(entry(i, RevocationKind.SUBJECT, "user-" + i, from));
            }
        }
        return entries;
    }

    private static RevocationSet.Entry entry(int i, RevocationKind kind, String value, Instant endsAt) {
        return new RevocationSet.Entry(
                "rev_" + i, EdgePolicyBenchmark.APPLICATION_ID, kind, value, Optional.empty(), endsAt);
    }

    @Benchmark
    public Decision decideWithoutList() {
        return withoutList.decide(token, request);
    }

    @Benchmark
    public Decision decideWithEmptyList() {
        return withEmptyList.decide(token, request);
    }

    @Benchmark
    public Decision decideWith100kEntries() {
        return with100k.decide(token, request);
    }

    @Benchmark
    public Decision decideWith100kEntriesOneAtItsExpiry() {
        return with100kOneAtItsExpiry.decide(token, request);
    }
}
