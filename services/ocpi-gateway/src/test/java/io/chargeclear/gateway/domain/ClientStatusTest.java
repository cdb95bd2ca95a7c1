package io.chargeclear.gateway.domain;

import io.chargeclear.model.ocpi.hubclientinfo.ConnectionStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientStatusTest {

    @Test
    void aSuspendedPlatformIsSuspendedWhateverTokensItHoldsOrWhetherItAnswers() {
        assertThat(ClientStatus.of("SUSPENDED", true, false)).isEqualTo(ConnectionStatus.SUSPENDED);
        assertThat(ClientStatus.of("SUSPENDED", false, false)).isEqualTo(ConnectionStatus.SUSPENDED);
        assertThat(ClientStatus.of("SUSPENDED", true, true)).isEqualTo(ConnectionStatus.SUSPENDED);
    }

    @Test
    void anActivePlatformIsConnectedWithTokenCAndPlannedWithout() {
        assertThat(ClientStatus.of("ACTIVE", true, false)).isEqualTo(ConnectionStatus.CONNECTED);
        assertThat(ClientStatus.of("ACTIVE", false, false)).isEqualTo(ConnectionStatus.PLANNED);
    }

    @Test
    void aConnectedPlatformThatDoesNotAnswerIsOffline() {
        assertThat(ClientStatus.of("ACTIVE", true, true)).isEqualTo(ConnectionStatus.OFFLINE);
        assertThat(ClientStatus.of("ACTIVE", false, true)).as("never connected: still planned")
                .isEqualTo(ConnectionStatus.PLANNED);
    }
}
