package io.chargeclear.gateway.domain;

import io.chargeclear.kit.agreement.Agreement;
import io.chargeclear.model.event.AgreementChanged;
import io.chargeclear.model.event.OcpiParty;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ReachablePartiesTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    private static ReachableParties.Party party(String pid, String role) {
        return new ReachableParties.Party("CA", pid, role);
    }

    private static Agreement agreement(String cpo, String emsp, Instant validFrom, Instant endedAt) {
        return new Agreement(cpo + "-" + emsp, AgreementChanged.Status.ACTIVE, 1, new OcpiParty("CA", cpo),
                new OcpiParty("CA", emsp), validFrom, null, endedAt, Set.of("locations"), null, null, 30, validFrom);
    }

    @Test
    void aPlatformThatIsCpoAndEmspSeesTheOtherSideOfEachOfItsAgreementsInEffect() {
        Set<ReachableParties.Party> own = Set.of(party("MIX", "CPO"), party("MIX", "EMSP"));
        List<Agreement> agreements = List.of(
                agreement("MIX", "EM1", NOW.minusSeconds(60), null),
                agreement("CP1", "MIX", NOW.minusSeconds(60), null),
                agreement("CP2", "EM2", NOW.minusSeconds(60), null),
                agreement("MIX", "EM3", NOW.plusSeconds(60), null),
                agreement("MIX", "EM4", NOW.minusSeconds(120), NOW.minusSeconds(60)));
        assertThat(ReachableParties.of(own, agreements, NOW))
                .containsExactly(party("CP1", "CPO"), party("EM1", "EMSP"));
    }

    @Test
    void thePeersOwnPartiesAreNeverListedEvenUnderAnAgreementBetweenThem() {
        Set<ReachableParties.Party> own = Set.of(party("OWC", "CPO"), party("OWE", "EMSP"));
        assertThat(ReachableParties.of(own, List.of(agreement("OWC", "OWE", NOW.minusSeconds(1), null)), NOW))
                .isEmpty();
    }

    @Test
    void theRoleMustMatchTheSideOfTheAgreement() {
        // the peer's party is an eMSP only: an agreement naming the same code as CPO is not its own
        Set<ReachableParties.Party> own = Set.of(party("ONE", "EMSP"));
        assertThat(ReachableParties.of(own, List.of(agreement("ONE", "EM1", NOW.minusSeconds(1), null)), NOW))
                .isEmpty();
    }
}
