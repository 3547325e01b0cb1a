package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.server.TestServer.App;
import dev.tollgate.server.TestServer.Reply;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad parameters of {@code GET /v1/usage} are 400s with stable codes; missing credentials are 401s. */
class WhenAUsageQueryIsMalformed extends ServerScenario {
    App app;

    @BeforeEach
    void createTheApplication() {
        app = server.createApplication("billing");
    }

    String code(String query) {
        Reply reply = server.get("/v1/usage?" + query, Map.of("Authorization", app.basic()));
        assertThat(reply.status()).as(query + " -> " + reply.body()).isEqualTo(400);
        return reply.json().get("code").asText();
    }

    @Test
    void eachBadParameterIsNamedByItsCode() {
        assertThat(code("from=yesterday")).isEqualTo("invalid-parameter");
        assertThat(code("to=2026-13-01")).isEqualTo("invalid-parameter");
        assertThat(code("from=2026-11-22T00:00:00Z&to=2026-11-21T00:00:00Z")).isEqualTo("invalid-time-range");
        assertThat(code("from=2026-11-22T00:00:00Z&to=2026-11-22T00:00:00Z")).isEqualTo("invalid-time-range");
        assertThat(code("from=2024-01-01&to=2026-01-01")).isEqualTo("invalid-time-range");
        assertThat(code("action=watch")).isEqualTo("invalid-parameter");
        assertThat(code("groupBy=customer")).isEqualTo("invalid-parameter");
        assertThat(code("groupBy=tag,tag")).isEqualTo("invalid-parameter");
        assertThat(code("tag=")).isEqualTo("invalid-parameter");
        assertThat(code("from=2026-11-22&from=2026-11-23")).isEqualTo("duplicate-parameter");
        assertThat(code("limit=10")).isEqualTo("unknown-parameter");
        assertThat(code("tag=a&tag=b&tag=c&tag=d&tag=e&tag=f&tag=g&tag=h&tag=i&tag=j&tag=k"))
                .isEqualTo("invalid-parameter");
    }

    @Test
    void aPercentEscapeThatIsNotUtf8IsRefusedNotReplaced() {
        // Decoded as strictly as a form body: %ff once became U+FFFD and a tag that matched nothing.
        assertThat(code("tag=%ff")).isEqualTo("invalid-parameter");
        assertThat(code("tag=%e2%82")).isEqualTo("invalid-parameter");
    }

    @Test
    void withoutCredentialsOrWithoutAnApplicationTheAnswerSaysWhy() {
        Reply anonymous = server.get("/v1/usage", Map.of());
        Reply wrongAdmin = server.get("/v1/usage", Map.of("Authorization", "Bearer not-the-admin"));
        Reply adminWithoutApplication = server.get("/v1/usage", Map.of("Authorization", server.adminAuthorization()));
        Reply adminUnknownApplication =
                server.get("/v1/usage?applicationId=nope", Map.of("Authorization", server.adminAuthorization()));

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("code").asText()).isEqualTo("invalid-client");
        assertThat(wrongAdmin.status()).isEqualTo(401);
        assertThat(wrongAdmin.json().get("code").asText()).isEqualTo("unauthorized");
        assertThat(adminWithoutApplication.status()).isEqualTo(400);
        assertThat(adminWithoutApplication.json().get("code").asText()).isEqualTo("missing-parameter");
        assertThat(adminUnknownApplication.status()).isEqualTo(404);
    }
}
