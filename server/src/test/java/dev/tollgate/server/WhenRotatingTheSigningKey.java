package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WhenRotatingTheSigningKey extends ServerScenario {

    @Test
    void theOldKeyStaysPublishedAndValidUntilItsTokensHaveExpired() throws Exception {
        App app = server.createApplication("demo");
        String oldToken = server.apiToken(app, null);
        String oldKid = SignedJWT.parse(oldToken).getHeader().getKeyID();

        Reply rotated = server.postJson("/v1/admin/signing-keys/rotate", server.adminAuthorization(), null);
        assertThat(rotated.status()).isEqualTo(200);
        String newKid = rotated.json().get("kid").asText();
        assertThat(rotated.json().get("retired").get(0).get("kid").asText()).isEqualTo(oldKid);

        String newToken = server.apiToken(app, null);
        assertThat(SignedJWT.parse(newToken).getHeader().getKeyID()).isEqualTo(newKid);
        assertThat(kids()).contains(oldKid, newKid);
        assertThat(server.postJson("/v2/client-access-token", "Bearer " + oldToken, "{}")
                        .status())
                .isEqualTo(200);

        clock.advance(Duration.ofHours(24).plusMinutes(2));
        assertThat(kids()).containsExactly(newKid);
    }

    private java.util.List<String> kids() throws Exception {
        return JWKSet.parse(server.get("/.well-known/jwks.json", Map.of()).body()).getKeys().stream()
                .map(k -> k.getKeyID())
                .toList();
    }
}
