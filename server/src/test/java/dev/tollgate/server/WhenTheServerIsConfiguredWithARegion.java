package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.client.ManualClock;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WhenTheServerIsConfiguredWithARegion {
    @TempDir
    Path dataDirectory;

    @Test
    void channelIdsStartWithIt() {
        ServerConfig config = ServerConfig.of(dataDirectory, 0).withRegion("eu-west-2");
        try (TestServer server = TestServer.start(config, new ManualClock(Instant.now()))) {
            TestServer.App app = server.createApplication("eu");
            TestServer.Reply created = server.postJson("/v1/rooms", app.basic(), "{\"alias\":\"standup\"}");

            assertThat(created.status()).isEqualTo(201);
            assertThat(created.json().get("id").asText()).startsWith("eu-west-2#" + app.id() + "#standup.");
        }
    }

    @Test
    void itIsUsNortheastByDefault() {
        assertThat(ServerConfig.of(dataDirectory, 0).region()).isEqualTo("us-northeast");
    }

    @Test
    void aRegionThatWouldNeedEncodingIsRefused() {
        for (String region : new String[] {"", "US-East", "us east", "us#east", "eu_west", "x".repeat(33)}) {
            assertThatThrownBy(() -> ServerConfig.of(dataDirectory, 0).withRegion(region))
                    .as(region)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("lower-case letters, digits and '-'");
        }
    }
}
