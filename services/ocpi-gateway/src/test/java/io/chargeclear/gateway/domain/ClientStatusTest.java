package io.chargeclear.gateway.domain;

import io.chargeclear.model.ocpi.hubclientinfo.ConnectionStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientStatusTest {

    @Test
    void aSuspendedPlatformIsSuspendedWhateverTokensItHolds() {
        assertThat(ClientStatus.of("SUSPENDED", true)).isEqualTo(ConnectionStatus.SUSPENDED);
        assertThat(ClientStatus.of("SUSPENDED", false)).isEqualTo(ConnectionStatus.SUSPENDED);
    }

    @Test
    void anActivePlatformIsConnectedWithTokenCAndPlannedWithout() {
        assertThat(ClientStatus.of("ACTIVE", true)).isEqualTo(ConnectionStatus.CONNECTED);
        assertThat(ClientStatus.of("ACTIVE", false)).isEqualTo(ConnectionStatus.PLANNED);
    }
}
