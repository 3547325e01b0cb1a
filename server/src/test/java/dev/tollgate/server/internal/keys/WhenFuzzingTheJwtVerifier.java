package dev.tollgate.server.internal.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.tollgate.server.ServerConfig;
import dev.tollgate.server.internal.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * A coverage-guided fuzz target for the JWT verifier's input handling: any presented text, and any payload and
 * signature under a header that names this server's real key (so the fuzzer reaches the signature check), is an
 * {@link JwtTokens.Invalid} with one of its codes, never a {@link JwtTokens.Valid} and never an exception. The keys
 * are in a real H2 database, as in the server. Corpus: {@code src/test/resources/dev/tollgate/server/internal/keys/
 * WhenFuzzingTheJwtVerifierInputs/} (docs/reliability.md).
 */
class WhenFuzzingTheJwtVerifier {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final JwtTokens TOKENS;
    private static final String KID_HEADER;
    private static final String GENUINE;

    static {
        Path directory;
        try {
            directory = Files.createTempDirectory("tollgate-jwt-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Database database = Database.open(ServerConfig.of(directory, 0));
        Runtime.getRuntime().addShutdownHook(new Thread(database::close));
        SecureRandom random = new SecureRandom();
        byte[] master = new byte[SecretBox.KEY_BYTES];
        random.nextBytes(master);
        Clock clock = Clock.systemUTC();
        SigningKeys keys = new SigningKeys(
                new JdbcSigningKeyStore(database.jdbi()), new SecretBox(master, random), clock, Duration.ofMinutes(1));
        keys.ensureCurrent();
        TOKENS = new JwtTokens(keys, clock, "https://tollgate.test", Duration.ofMinutes(1));
        KID_HEADER = BASE64URL.encodeToString(("{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\""
                        + keys.current().getKeyID() + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        GENUINE = TOKENS.sign(JwtTokens.API_AUDIENCE, "app", Duration.ofMinutes(5), new JWTClaimsSet.Builder())
                .token();
    }

    @FuzzTest
    void anyPresentedTokenIsInvalidWithAStableCode(@NotNull String token) {
        assertInvalid(token);
        // The same text as payload and signature under this server's real header: the signature check is reached.
        int dot = token.indexOf('.');
        String payload =
                dot < 0 ? BASE64URL.encodeToString(token.getBytes(StandardCharsets.UTF_8)) : token.substring(0, dot);
        String signature = dot < 0 ? "" : token.substring(dot + 1);
        assertInvalid(KID_HEADER + "." + payload + "." + signature);
        // And as a genuine token's payload, under its genuine signature.
        String[] genuine = GENUINE.split("\\.");
        assertInvalid(genuine[0] + "." + payload + "." + genuine[2]);
    }

    private static void assertInvalid(String token) {
        for (String audience : new String[] {JwtTokens.API_AUDIENCE, JwtTokens.CLIENT_AUDIENCE}) {
            if (token.equals(GENUINE) && audience.equals(JwtTokens.API_AUDIENCE)) {
                continue;
            }
            JwtTokens.Check check = TOKENS.verify(token, audience);
            assertThat(check).isInstanceOf(JwtTokens.Invalid.class);
            assertThat(((JwtTokens.Invalid) check).code())
                    .isIn(
                            "malformed-token",
                            "wrong-algorithm",
                            "unknown-key",
                            "bad-signature",
                            "wrong-audience",
                            "expired");
        }
    }
}
