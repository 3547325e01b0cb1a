package dev.tollgate.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessRequestTest {
    private static final Instant T = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void buildWhenActionMissingThenIllegalState() {
        assertThatThrownBy(
                        () -> AccessRequest.builder().applicationId("a").time(T).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("action");
    }

    @Test
    void buildWithoutAnApplicationLeavesTheOwnerUnnamed() {
        assertThat(AccessRequest.builder().authenticate().time(T).build().applicationId())
                .isEmpty();
    }

    @Test
    void anEmptyApplicationIdIsRefused() {
        assertThatThrownBy(() -> AccessRequest.builder()
                        .authenticate()
                        .applicationId("")
                        .time(T)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("applicationId");
    }

    @Test
    void buildWhenTimeMissingThenIllegalState() {
        assertThatThrownBy(() -> AccessRequest.builder()
                        .authenticate()
                        .applicationId("a")
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("time");
    }

    @Test
    void buildWhenSubscribeWithoutTargetThenIllegalArgument() {
        assertThatThrownBy(() -> AccessRequest.builder()
                        .action(Action.SUBSCRIBE)
                        .applicationId("a")
                        .time(T)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a target");
    }

    @Test
    void remoteAddressWhenHostNameThenIllegalArgument() {
        assertThatThrownBy(() -> AccessRequest.builder().remoteAddress("localhost"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("literal");
    }

    @Test
    void buildWhenMappedAddressThenStoredAsIpv4() {
        AccessRequest request = AccessRequest.builder()
                .authenticate()
                .applicationId("a")
                .time(T)
                .remoteAddress("::ffff:203.0.113.1")
                .build();

        assertThat(request.remoteAddress()).containsInstanceOf(Inet4Address.class);
        assertThat(request.toBuilder().build()).isEqualTo(request);
    }

    @Test
    void targetWhenTagsChangeLaterThenCopyIsUnaffected() {
        Set<String> tags = new HashSet<>(Set.of("a"));
        Target.OriginStream stream = Target.originStream("s", tags);
        tags.add("b");

        assertThat(stream.tags()).containsExactly("a");
        assertThatThrownBy(() -> Target.channel("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Target.Room("r", null)).isInstanceOf(NullPointerException.class);
        assertThat(Target.room("r").alias()).isEqualTo(Optional.empty());
    }
}
