package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.edge.DenialCode;
import dev.tollgate.server.internal.http.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The server's HTTP error codes are a wire contract. They live in one place, {@link ErrorCode} — a {@code Rejection}
 * cannot be made with any other text, only with one of them or an edge denial code — and this test freezes the list,
 * so a rename or a new code shows up here before it reaches a client, and checks that {@code docs/error-codes.md}
 * tables exactly these (plus the edge's codes it names).
 */
class WhenListingTheServersErrorCodes {
    private static final Path ROOT = Path.of(System.getProperty("tollgate.root", ".."));
    private static final Pattern TABLE_ROW = Pattern.compile("^\\| \\d{3} \\| `([a-z-]+)` \\|", Pattern.MULTILINE);

    @Test
    void theListIsFrozen() {
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::code))
                .containsExactly(
                        "malformed-json",
                        "malformed-form",
                        "duplicate-parameter",
                        "unknown-parameter",
                        "missing-parameter",
                        "invalid-parameter",
                        "invalid-time-range",
                        "unknown-field",
                        "wrong-type",
                        "missing-field",
                        "conflicting-fields",
                        "invalid-value",
                        "invalid-name",
                        "invalid-alias",
                        "unknown-event",
                        "unknown-action",
                        "unknown-scope",
                        "invalid-scope",
                        "missing-grant-type",
                        "unsupported-grant-type",
                        "invalid-expires-in",
                        "external-id-too-long",
                        "token-too-large",
                        "token-too-long-for-carrier",
                        "bad-request",
                        "invalid-client",
                        "missing-token",
                        "invalid-token",
                        "unauthorized",
                        "invalid-edge-credential",
                        "insufficient-scope",
                        "unknown-channel",
                        "session-not-open",
                        "too-many-sessions",
                        "unknown-session",
                        "session-ended",
                        "bad-original-uri",
                        "invalid-hook-url",
                        "unsupported-action",
                        "wrong-application",
                        "not-your-session",
                        "not-found",
                        "method-not-allowed",
                        "conference-alias-taken",
                        "alias-taken",
                        "session-expired",
                        "payload-too-large",
                        "unsupported-media-type",
                        "too-many-requests",
                        "too-many-failed-attempts",
                        "internal-error",
                        "store-unavailable",
                        "store-full");
    }

    @Test
    void everyCodeIsTabledInTheDocsAndTheTableNamesNoOther() throws IOException {
        String docs = Files.readString(ROOT.resolve("docs/error-codes.md"));
        String section = docs.substring(docs.indexOf("## HTTP API errors"));
        Set<String> tabled = new TreeSet<>();
        Matcher row = TABLE_ROW.matcher(section);
        while (row.find()) {
            tabled.add(row.group(1));
        }
        Set<String> server =
                Arrays.stream(ErrorCode.values()).map(ErrorCode::code).collect(Collectors.toSet());
        Set<String> edge =
                Arrays.stream(DenialCode.values()).map(DenialCode::code).collect(Collectors.toSet());

        assertThat(tabled).containsAll(server);
        assertThat(tabled.stream().filter(code -> !server.contains(code)))
                .as("tabled codes that are neither the server's nor the edge's")
                .allMatch(edge::contains);
    }

    @Test
    void codesReadBack() {
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(ErrorCode.fromCode(code.code())).contains(code);
        }
        assertThat(ErrorCode.fromCode("bad-digest"))
                .as("an edge code is not the server's")
                .isEmpty();
    }
}
