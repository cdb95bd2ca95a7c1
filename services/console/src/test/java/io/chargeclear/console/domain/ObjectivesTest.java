package io.chargeclear.console.domain;

import io.chargeclear.console.upstream.GatewayApi;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ObjectivesTest {

    @Test
    void greenUnderEightyPercentAmberUpToTheThresholdRedPastIt() {
        assertThat(Objectives.state(400, 500)).isEqualTo("ok");
        assertThat(Objectives.state(401, 500)).isEqualTo("warn");
        assertThat(Objectives.state(500, 500)).isEqualTo("warn");
        assertThat(Objectives.state(501, 500)).isEqualTo("bad");
    }

    @Test
    void aBacklogOfAReceiverThatDoesNotAnswerIsAmberNotRedAndUnknownFiguresAreLeftOut() {
        GatewayApi.Objectives gateway = new GatewayApi.Objectives(new GatewayApi.Thresholds(500, 0.01, 300), List.of(
                new GatewayApi.PartyObjectives("NL*DC1", null, null, null, null, 4L, 900.0, false, null),
                new GatewayApi.PartyObjectives("NL*DC2", null, null, null, null, 4L, 900.0, true, null)));
        assertThat(Objectives.of("NL*DC1", gateway, null)).extracting(Objectives.Check::objective,
                Objectives.Check::state).containsExactly(org.assertj.core.groups.Tuple.tuple("push-delivered", "warn"));
        assertThat(Objectives.of("NL*DC2", gateway, null)).extracting(Objectives.Check::state).containsExactly("bad");
        assertThat(Objectives.of("DE*DM1", gateway, null)).isEmpty();
        assertThat(Objectives.of("DE*DM1", null, null)).isEmpty();
    }
}
