package dev.tollgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A usage query travels in a URL: whatever way it is made, it holds only values the server knows. */
class WhenDescribingAUsageQuery {
    @Test
    void anActionOrColumnTheServerDoesNotKnowIsRefusedAlsoWithoutTheBuilder() {
        assertThatThrownBy(() -> new UsageQuery(
                        Optional.empty(),
                        Optional.empty(),
                        List.of(),
                        List.of("publish&tag=x"),
                        List.of(),
                        Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("action");
        assertThatThrownBy(() -> new UsageQuery(
                        Optional.empty(), Optional.empty(), List.of(), List.of(), List.of("day tag"), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("groupBy");
    }

    @Test
    void theBuilderMakesWhatTheRecordAccepts() {
        UsageQuery query = UsageQuery.builder()
                .action("subscribe")
                .groupBy("day", "action")
                .tag("customer=acme corp")
                .build();

        assertThat(query.actions()).containsExactly("subscribe");
        assertThat(query.groupBy()).containsExactly("day", "action");
        assertThat(query.tags()).containsExactly("customer=acme corp");
    }
}
