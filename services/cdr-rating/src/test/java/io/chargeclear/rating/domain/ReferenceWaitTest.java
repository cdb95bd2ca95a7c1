package io.chargeclear.rating.domain;

import io.chargeclear.model.event.CdrFlagged.Reason;
import io.chargeclear.rating.domain.ReferenceWait.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a CDR waits for, from the reasons it could not be rated (docs/adr/0022). */
class ReferenceWaitTest {

    @Test
    void anUnknownLocationWaitsForThatLocation() {
        assertThat(ReferenceWait.of(List.of(Reason.UNKNOWN_LOCATION), "LOC1", null, "DE*ABC", null))
                .containsExactly(new ReferenceWait(Kind.LOCATION, "LOC1"));
    }

    @Test
    void anUnknownTariffWaitsForTheTariffRatingLookedFor() {
        assertThat(ReferenceWait.of(List.of(Reason.UNKNOWN_TARIFF), "LOC1", "T1", "DE*ABC", null))
                .containsExactly(new ReferenceWait(Kind.TARIFF, "T1"));
    }

    @Test
    void aTariffNobodyNamedYetWaitsForTheLocationThatWillNameIt() {
        assertThat(ReferenceWait.of(List.of(Reason.UNKNOWN_LOCATION, Reason.UNKNOWN_TARIFF), "LOC1", null, "DE*ABC",
                null)).containsExactly(new ReferenceWait(Kind.LOCATION, "LOC1"));
    }

    @Test
    void noAgreementWaitsForAnAgreementWithTheEmsp() {
        assertThat(ReferenceWait.of(List.of(Reason.NO_AGREEMENT), "LOC1", "T1", "DE*ABC", null))
                .containsExactly(new ReferenceWait(Kind.AGREEMENT, "DE*ABC"));
    }

    @Test
    void aCreditWaitsForTheCdrItReverses() {
        assertThat(ReferenceWait.of(List.of(Reason.UNKNOWN_CREDIT_REFERENCE), "LOC1", null, "DE*ABC", "CDR-1"))
                .containsExactly(new ReferenceWait(Kind.CREDIT_REFERENCE, "CDR-1"));
    }

    @Test
    void reasonsNoEventFixesWaitForNothing() {
        assertThat(ReferenceWait.of(List.of(Reason.COST_MISMATCH, Reason.ENERGY_MISMATCH, Reason.MISSING_PERIODS,
                Reason.DUPLICATE, Reason.CURRENCY_MISMATCH), "LOC1", "T1", "DE*ABC", null)).isEmpty();
    }

    @Test
    void aCdrMayWaitOnlyWhenEveryReasonCanArriveLater() {
        assertThat(ReferenceWait.allCanArriveLater(List.of(Reason.UNKNOWN_TARIFF, Reason.NO_AGREEMENT))).isTrue();
        assertThat(ReferenceWait.allCanArriveLater(List.of(Reason.UNKNOWN_TARIFF, Reason.ENERGY_MISMATCH)))
                .as("a malformed CDR is flagged at once").isFalse();
        assertThat(ReferenceWait.allCanArriveLater(List.of())).isFalse();
    }

    @Test
    void aFlaggedCdrWithAnotherReasonStillWaitsForWhatCanArrive() {
        assertThat(ReferenceWait.of(List.of(Reason.ENERGY_MISMATCH, Reason.UNKNOWN_TARIFF), "LOC1", "T1", "DE*ABC",
                null)).containsExactly(new ReferenceWait(Kind.TARIFF, "T1"));
    }
}
