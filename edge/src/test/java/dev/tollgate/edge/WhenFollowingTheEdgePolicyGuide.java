package dev.tollgate.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.token.SecretResolver;
import dev.tollgate.token.TokenBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The snippet of docs/edge-policy.md, as written there. */
class WhenFollowingTheEdgePolicyGuide {
    private final List<String> attached = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();

    @Test
    void theSnippetAllowsAChannelViewer() {
        String secret = "guide-secret";
        String token = new TokenBuilder()
                .withApplicationId("mycompany.com")
                .withSecret(secret)
                .expiresIn(Duration.ofMinutes(5))
                .forChannelAlias("news")
                .forStreamingOnly()
                .applyTag("customer:acme")
                .build();

        EdgePolicy policy = EdgePolicy.builder()
                .secrets(SecretResolver.of("mycompany.com", secret))
                .geoLocator(GeoLocator.bundled()) // optional: needed only for geo-* constraints
                .build();

        AccessRequest request = AccessRequest.builder()
                .subscribe(Target.channel("us-east#mycompany.com#news.1a2b", "news"))
                .applicationId("mycompany.com")
                .remoteAddress("203.0.113.10") // an IP literal, as the media server reports it
                .time(Instant.now())
                .build();

        switch (policy.decide(token, request)) {
            case Allowed allowed -> attachTags(allowed.applyTags());
            case Denied denied -> refuse(denied.code().code()); // e.g. "designation-mismatch"
        }

        assertThat(attached).containsExactly("customer:acme");
        assertThat(refused).isEmpty();
    }

    private void attachTags(List<String> tags) {
        attached.addAll(tags);
    }

    private void refuse(String code) {
        refused.add(code);
    }
}
