package dev.tollgate.cli;

import dev.tollgate.token.TokenBuilder;
import dev.tollgate.token.TokenOptions;
import dev.tollgate.token.TokenType;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tollgate token create}: the reference EdgeAuth CLI's options, meanings and defaults, applied through {@link
 * TokenOptions} in the reference CLI's order so the token equals the reference's (and {@code POST /v1/edge-tokens}')
 * byte for byte.
 */
@Command(
        name = "create",
        mixinStandardHelpOptions = true,
        description = "Create an EdgeAuth digest token. Prints the claims, then the token alone on the last line.")
final class TokenCreateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = {"-u", "--applicationId"},
            required = true,
            description = "The application ID.")
    String applicationId;

    @Mixin
    SecretOptions secret;

    @Option(
            names = {"-l", "--expiresInSeconds"},
            paramLabel = "SECONDS",
            description = "Token lifetime in seconds (default ${DEFAULT-VALUE}).",
            defaultValue = "" + TokenOptions.DEFAULT_EXPIRES_IN_SECONDS)
    long expiresInSeconds;

    @Option(
            names = {"-e", "--expiresAt"},
            paramLabel = "EPOCH_MS",
            description = "Expiry in milliseconds since the UNIX epoch (wins over --expiresInSeconds).")
    Long expiresAt;

    @Option(
            names = {"-a", "--authenticationOnly"},
            description = "The token can be used for authentication only.")
    boolean authenticationOnly;

    @Option(
            names = {"-s", "--streamingOnly"},
            description = "The token can be used for streaming only.")
    boolean streamingOnly;

    @Option(
            names = {"-p", "--publishingOnly"},
            description = "The token can be used for publishing only.")
    boolean publishingOnly;

    @Option(
            names = {"-b", "--capability"},
            paramLabel = "CAPABILITY",
            description = "A capability; repeat for more. A value with commas stays one capability.")
    List<String> capabilities = new ArrayList<>();

    @Option(
            names = {"-z", "--sessionId"},
            description = "The token is limited to this session.")
    String sessionId;

    @Option(
            names = {"-x", "--remoteAddress"},
            description = "The token is limited to this client address.")
    String remoteAddress;

    @Option(
            names = {"-o", "--originStreamId"},
            description = "[STREAMING] The token is limited to this origin stream.")
    String originStreamId;

    @Option(
            names = {"-c", "--channel"},
            description = "[STREAMING] The token is limited to this channel ID.")
    String channel;

    @Option(
            names = {"-i", "--channelAlias"},
            description = "[STREAMING] The token is limited to this channel alias.")
    String channelAlias;

    @Option(
            names = {"-m", "--room"},
            description = "[STREAMING] The token is limited to this room ID.")
    String room;

    @Option(
            names = {"-n", "--roomAlias"},
            description = "[STREAMING] The token is limited to this room alias.")
    String roomAlias;

    @Option(
            names = {"-t", "--tag"},
            description = "[STREAMING] The token is limited to origin streams with this tag.")
    String tag;

    @Option(
            names = {"-r", "--applyTag"},
            paramLabel = "TAG",
            description = "[REPORTING] Apply this tag to the new stream; repeat for more.")
    List<String> applyTags = new ArrayList<>();

    @Option(names = "--uri", description = "The backend URI of the token.")
    String uri;

    @Option(
            names = "--geoCountryAllow",
            paramLabel = "CC,CC",
            description = "Only these countries (ISO 3166-1 alpha-2, ?? = unmapped), comma-separated.")
    String geoCountryAllow;

    @Option(
            names = "--geoCountryDeny",
            paramLabel = "CC,CC",
            description = "Not these countries (ISO 3166-1 alpha-2, ?? = unmapped), comma-separated.")
    String geoCountryDeny;

    @Option(
            names = "--geoPostalAllow",
            paramLabel = "CODE,CODE",
            description = "Only these postal codes, comma-separated.")
    String geoPostalAllow;

    @Option(
            names = "--geoPostalDeny",
            paramLabel = "CODE,CODE",
            description = "Not these postal codes, comma-separated.")
    String geoPostalDeny;

    @Option(names = "--json", description = "Print {\"claims\":{...},\"token\":\"...\"} instead.")
    boolean json;

    @Option(
            names = "--allow-expired",
            description = "Mint a token whose expiry is already past (an --expiresAt before now, an --expiresInSeconds"
                    + " of 0 or less), e.g. to test that a verifier refuses it.")
    boolean allowExpired;

    // "Already past" is judged against the same clock the builder computes --expiresInSeconds from.
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        refuseContradictions();
        TokenBuilder builder = options()
                .applyTo(new TokenBuilder()
                        .withClock(clock)
                        .withApplicationId(applicationId)
                        .withSecret(secret.resolve(System::getenv)));
        String token = builder.build();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonOutput.object(w -> {
                w.raw("claims", builder.value());
                w.string("token", token);
            }));
        } else {
            out.println(builder.value());
            out.println(token);
        }
        out.flush();
        return 0;
    }

    /** The options as given; {@link TokenOptions#applyTo} applies them in the reference CLI's order. */
    private TokenOptions options() {
        return TokenOptions.builder()
                .uri(uri)
                .expiresAt(expiresAt == null ? null : Instant.ofEpochMilli(expiresAt))
                .expiresInSeconds(expiresInSeconds)
                .type(type())
                .capabilities(capabilities)
                .allowCountries(list(geoCountryAllow))
                .denyCountries(list(geoCountryDeny))
                .allowPostalCodes(list(geoPostalAllow))
                .denyPostalCodes(list(geoPostalDeny))
                .sessionId(sessionId)
                .remoteAddress(remoteAddress)
                .originStreamId(originStreamId)
                .channel(channel)
                .channelAlias(channelAlias)
                .room(room)
                .roomAlias(roomAlias)
                .tag(tag)
                .applyTags(applyTags)
                .build();
    }

    /** At most one of the type flags is set ({@link #refuseContradictions}). */
    private TokenType type() {
        if (authenticationOnly) {
            return TokenType.AUTH;
        }
        if (streamingOnly) {
            return TokenType.STREAM;
        }
        return publishingOnly ? TokenType.PUBLISH : TokenType.EDGE;
    }

    /**
     * The reference CLI lets the last type option win and mints a token that is dead on arrival without a word; both
     * are nearly always a slip of the keyboard, so they are usage errors here (tokens built from valid input are
     * unchanged).
     */
    private void refuseContradictions() {
        List<String> types = new ArrayList<>();
        if (authenticationOnly) {
            types.add("--authenticationOnly");
        }
        if (streamingOnly) {
            types.add("--streamingOnly");
        }
        if (publishingOnly) {
            types.add("--publishingOnly");
        }
        if (types.size() > 1) {
            String all = String.join(", ", types.subList(0, types.size() - 1)) + " and " + types.getLast();
            throw new UsageException(all + " cannot be combined: a token has one type");
        }
        if (allowExpired) {
            return;
        }
        if (expiresAt != null) {
            Instant at = Instant.ofEpochMilli(expiresAt);
            if (!at.isAfter(clock.instant())) {
                throw new UsageException("--expiresAt " + expiresAt + " (" + at + ") is already past; add"
                        + " --allow-expired to mint an expired token on purpose");
            }
        } else if (expiresInSeconds <= 0) {
            throw new UsageException("--expiresInSeconds must be positive, not " + expiresInSeconds + "; add"
                    + " --allow-expired to mint an expired token on purpose");
        }
    }

    /** A comma-separated option as a list; {@code null} (not given) stays so. */
    private static List<String> list(String commaSeparated) {
        return commaSeparated == null ? null : List.of(commaSeparated.trim().split("\\s*,\\s*"));
    }
}
