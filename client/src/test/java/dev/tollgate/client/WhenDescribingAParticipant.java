package dev.tollgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class WhenDescribingAParticipant {
    @Test
    void aNullInsteadOfAnEmptyOptionalIsRefusedAtOnce() {
        assertThatThrownBy(() -> new ParticipantInfo(null, Optional.empty(), Optional.empty()))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("externalId");
        assertThatThrownBy(() -> new ParticipantInfo(Optional.empty(), null, Optional.empty()))
                .hasMessageContaining("name");
        assertThatThrownBy(() -> new ParticipantInfo(Optional.empty(), Optional.empty(), null))
                .hasMessageContaining("avatarUrl");
    }

    @Test
    void theFactoriesTurnNullsIntoEmptyValues() {
        ParticipantInfo info = ParticipantInfo.of(null, "Ann");

        assertThat(info.externalId()).isEmpty();
        assertThat(info.name()).contains("Ann");
        assertThat(ParticipantInfo.none().avatarUrl()).isEmpty();
    }
}
