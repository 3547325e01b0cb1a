package dev.tollgate.server.internal.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.server.internal.http.Rejection;
import dev.tollgate.server.internal.registry.Channel;
import org.junit.jupiter.api.Test;

class HookQueryTest {

    @Test
    void parseWhenTheHookUrlHasNoQueryThenTheMediaServerNamesTheApplicationAndNamesAreChannels() {
        assertThat(HookQuery.parse(null, 400)).isEqualTo(HookQuery.DEFAULT);
        assertThat(HookQuery.parse("", 400)).isEqualTo(HookQuery.DEFAULT);
        assertThat(HookQuery.DEFAULT.kind()).isEqualTo(Channel.Kind.CHANNEL);
        assertThat(HookQuery.DEFAULT.application()).isEmpty();
    }

    @Test
    void parseWhenTheHookUrlNamesEverythingThenEachIsRead() {
        HookQuery query = HookQuery.parse("application=app%2D1&kind=room&node=edge-2&header=X-Uri", 400);

        assertThat(query.application()).contains("app-1");
        assertThat(query.kind()).isEqualTo(Channel.Kind.ROOM);
        assertThat(query.node()).contains("edge-2");
        assertThat(query.uriHeader()).contains("X-Uri");
    }

    @Test
    void parseWhenAParameterIsMisspelledThenTheHookUrlIsRefusedWithTheGivenStatus() {
        assertThatThrownBy(() -> HookQuery.parse("aplication=x", 403)).isInstanceOfSatisfying(Rejection.class, e -> {
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.code()).isEqualTo("invalid-hook-url");
        });
    }

    @Test
    void parseWhenAParameterIsRepeatedEmptyOrMalformedThenTheHookUrlIsRefused() {
        for (String query : new String[] {"application=a&application=b", "application=", "kind=stream", "node=%z"}) {
            assertThatThrownBy(() -> HookQuery.parse(query, 400))
                    .as(query)
                    .isInstanceOfSatisfying(Rejection.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.code()).isEqualTo("invalid-hook-url");
                    });
        }
    }
}
