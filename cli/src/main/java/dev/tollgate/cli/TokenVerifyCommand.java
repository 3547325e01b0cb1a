package dev.tollgate.cli;

import dev.tollgate.token.DigestTokens;
import dev.tollgate.token.Rejected;
import dev.tollgate.token.SecretResolver;
import dev.tollgate.token.TokenVerifier;
import dev.tollgate.token.Verification;
import dev.tollgate.token.VerificationCode;
import dev.tollgate.token.Verified;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tollgate token verify}: checks the digest with a secret, then the expiry. Exit 0 when verified, 1 when
 * rejected, 2 on usage errors.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = "Verify a digest token; prints {\"verified\",\"code\",\"value\"}. Exit 0 verified, 1 rejected.")
final class TokenVerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SecretOptions secret;

    @Option(
            names = "--at",
            paramLabel = "EPOCH_MS",
            description = "Check expiry as of this time, in milliseconds since the epoch (default: now).")
    Long at;

    @Option(
            names = "--ignore-expiry",
            description = "Check the digest only, as the reference library does (not with --at or --clock-skew).")
    boolean ignoreExpiry;

    @Option(
            names = "--clock-skew",
            paramLabel = "SECONDS",
            description = "Accept a token this long after its expiry (default: the verifier's, 60).")
    Long clockSkewSeconds;

    @Parameters(paramLabel = "TOKEN", description = "The DIGEST:... token.")
    String token;

    @Override
    public Integer call() {
        if (ignoreExpiry && (at != null || spec.commandLine().getParseResult().hasMatchedOption("--clock-skew"))) {
            // Silently dropping --at or --clock-skew would answer a question the user did not ask.
            throw new UsageException(
                    "--ignore-expiry does not look at the time: give it without --at and --clock-skew");
        }
        String key = secret.resolve(System::getenv);
        Verification result;
        if (ignoreExpiry) {
            result = DigestTokens.verifyAndDecode(key, token);
        } else {
            Clock clock = at == null ? Clock.systemUTC() : Clock.fixed(Instant.ofEpochMilli(at), ZoneOffset.UTC);
            result = TokenVerifier.builder()
                    .secrets(SecretResolver.anyApplication(key))
                    .clock(clock)
                    // Not given: the verifier's default itself, so that no copy of it can drift.
                    .clockSkew(
                            clockSkewSeconds == null
                                    ? TokenVerifier.DEFAULT_CLOCK_SKEW
                                    : Duration.ofSeconds(clockSkewSeconds))
                    .build()
                    .verify(token);
        }
        // An expired token was authentic: show what it said, still as not verified.
        Verification authentic =
                result.code() == VerificationCode.EXPIRED ? DigestTokens.verifyAndDecode(key, token) : result;
        PrintWriter out = spec.commandLine().getOut();
        out.println(JsonOutput.object(w -> {
            w.bool("verified", result.isVerified());
            w.string("code", result.code().code());
            if (result instanceof Rejected rejected) {
                w.string("detail", rejected.detail());
            }
            if (authentic instanceof Verified verified) {
                w.raw("value", verified.valueJson());
            }
        }));
        out.flush();
        return result.isVerified() ? 0 : Tollgate.REJECTED;
    }
}
