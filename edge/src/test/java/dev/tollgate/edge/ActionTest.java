package dev.tollgate.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ActionTest {
    @Test
    void wireNameWhenAnyActionThenTheFrozenName() {
        // Requests send these names and stored usage rows hold them: renaming one breaks both.
        assertThat(Arrays.stream(Action.values()).map(Action::wireName))
                .containsExactly("authenticate", "subscribe", "publish");
    }

    @Test
    void fromWireWhenAWireNameThenItsAction() {
        for (Action action : Action.values()) {
            assertThat(Action.fromWire(action.wireName())).contains(action);
        }
    }

    @Test
    void fromWireWhenAnyOtherTextThenEmpty() {
        assertThat(Action.fromWire("PUBLISH")).isEmpty();
        assertThat(Action.fromWire(" publish")).isEmpty();
        assertThat(Action.fromWire("")).isEmpty();
        assertThat(Action.fromWire("play")).isEmpty();
    }
}
