package dev.tollgate.cli;

import dev.tollgate.client.RotatedEdgeCredential;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tollgate edge-credential rotate}: replace the media servers' credential with an overlap. */
@Command(
        name = "edge-credential",
        mixinStandardHelpOptions = true,
        description = "Manage the edge credential the media servers and edges present (rotate).",
        subcommands = {EdgeCredentialCommand.Rotate.class})
final class EdgeCredentialCommand {
    /** The longest overlap the server takes. */
    static final Duration MAX_OVERLAP = Duration.ofDays(7);

    private EdgeCredentialCommand() {}

    @Command(
            name = "rotate",
            mixinStandardHelpOptions = true,
            description = "Create a new edge credential and print it once (the server writes it to its edge.token);"
                    + " the previous one keeps working for the overlap, then not.")
    static final class Rotate extends AppCommand.Base {
        @Option(
                names = "--overlap",
                defaultValue = "1h",
                paramLabel = "DURATION",
                description = "How long the previous credential still works: 0 to 7d, e.g. 30m, 1h, 2d (default 1h).")
        String overlap;

        @Override
        void run(PrintWriter out) {
            Duration wanted = DurationArgument.parse("the overlap", overlap);
            if (wanted.compareTo(MAX_OVERLAP) > 0) {
                throw new UsageException("the overlap must be at most 7d, was '" + overlap + "'");
            }
            RotatedEdgeCredential rotated =
                    client.call(System::getenv, (sdk, admin) -> sdk.rotateEdgeCredential(admin, wanted));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("edgeCredential", rotated.edgeCredential());
            answer.put("previousValidUntil", rotated.previousValidUntil().toString());
            answer.put("file", rotated.file());
            out.println(json(answer));
        }
    }
}
