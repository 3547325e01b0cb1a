package dev.tollgate.cli;

import dev.tollgate.token.Decoded;
import dev.tollgate.token.Decoding;
import dev.tollgate.token.DigestTokens;
import dev.tollgate.token.Rejected;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tollgate token decode}: shows a token's envelope and claims without checking the digest. */
@Command(
        name = "decode",
        mixinStandardHelpOptions = true,
        description = "Show a token's envelope and claims WITHOUT verifying it. Exit 0 decoded, 1 malformed.")
final class TokenDecodeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TOKEN", description = "The DIGEST:... token.")
    String token;

    @Override
    public Integer call() {
        Decoding decoding = DigestTokens.decodeUnverified(token);
        PrintWriter out = spec.commandLine().getOut();
        int exit = switch (decoding) {
            case Decoded decoded -> {
                out.println(JsonOutput.object(w -> {
                    w.bool("verified", false);
                    w.string("warning", "UNVERIFIED: the digest was not checked; do not trust these claims");
                    w.string("applicationId", decoded.applicationId());
                    w.string("digest", decoded.digest());
                    w.raw("claims", decoded.claims().json());
                }));
                yield 0;
            }
            case Rejected rejected -> {
                out.println(JsonOutput.object(w -> {
                    w.bool("verified", false);
                    w.string("code", rejected.code().code());
                    w.string("detail", rejected.detail());
                }));
                yield Tollgate.REJECTED;
            }
        };
        out.flush();
        return exit;
    }
}
