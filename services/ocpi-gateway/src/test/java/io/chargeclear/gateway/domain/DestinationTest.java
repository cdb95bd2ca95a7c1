package io.chargeclear.gateway.domain;

import io.chargeclear.model.event.OcpiParty;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one routing decision of a push: the gate, the stored recipient, the event and the queue all read it. */
class DestinationTest {

    private static final OcpiParty HUB = new OcpiParty("NL", "CCH");
    private static final OcpiParty B = new OcpiParty("DE", "EMB");
    private static final OcpiParty C = new OcpiParty("DE", "EMC");

    @Test
    void aSessionGoesToItsTokenPartyWithoutToHeaders() {
        Destination destination = Destination.decide(HUB, null, B);
        assertThat(destination.party()).isEqualTo(B);
        assertThat(destination.storedRecipient()).isEqualTo(B);
        assertThat(destination.broadcast()).isFalse();
    }

    @Test
    void toHeadersMayRepeatTheTokenPartyOrNameTheHub() {
        assertThat(Destination.decide(HUB, B, B).storedRecipient()).isEqualTo(B);
        assertThat(Destination.decide(HUB, HUB, B).party()).isEqualTo(B);
    }

    @Test
    void toHeadersNamingAnotherPartyThanTheTokenAreAContradiction() {
        assertThatThrownBy(() -> Destination.decide(HUB, B, C)).isInstanceOf(Destination.Contradiction.class)
                .hasMessageContaining("DE*EMB").hasMessageContaining("DE*EMC");
    }

    @Test
    void broadcastableDataGoesToTheToPartyAloneOrToEveryone() {
        Destination addressed = Destination.decide(HUB, B, null);
        assertThat(addressed.party()).isEqualTo(B);
        assertThat(addressed.storedRecipient()).as("only content-named receivers are stored").isNull();
        assertThat(Destination.decide(HUB, HUB, null).broadcast()).isTrue();
        assertThat(Destination.decide(HUB, null, null).broadcast()).isTrue();
    }
}
