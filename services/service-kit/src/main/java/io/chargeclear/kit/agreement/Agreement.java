package io.chargeclear.kit.agreement;

import io.chargeclear.model.event.AgreementChanged;
import io.chargeclear.model.event.AgreementChanged.HubFee;
import io.chargeclear.model.event.AgreementChanged.Sla;
import io.chargeclear.model.event.AgreementChanged.Status;
import io.chargeclear.model.event.OcpiParty;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One bilateral roaming agreement as the book holds it: the newest snapshot of {@code hub.agreement.v1} for its id,
 * with everything any service asks of it. Immutable, so a book snapshot can be read by any thread.
 *
 * @param hubFee null when the agreement charges no fee; its amounts are exact
 * @param sla    null when the agreement states no service levels
 */
public record Agreement(String agreementId, Status status, long revision, OcpiParty cpo, OcpiParty emsp,
                        Instant validFrom, Instant validUntil, Instant endedAt, Set<String> modules, HubFee hubFee,
                        Sla sla, int disputeWindowDays, Instant changedAt) {

    public Agreement {
        Objects.requireNonNull(agreementId, "agreementId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(cpo, "cpo");
        Objects.requireNonNull(emsp, "emsp");
        Objects.requireNonNull(validFrom, "validFrom");
        modules = Set.copyOf(modules);
    }

    static Agreement of(AgreementChanged event) {
        return new Agreement(event.agreementId(), event.status(), event.revision(),
                new OcpiParty(event.cpo().countryCode(), event.cpo().partyId()),
                new OcpiParty(event.emsp().countryCode(), event.emsp().partyId()), event.validFrom(),
                event.validUntil(), event.endedAt(), event.modules() == null ? Set.of() : Set.copyOf(event.modules()),
                event.hubFee(), event.sla(), event.disputeWindowDays(), event.changedAt());
    }

    /** In effect at {@code at} by the hub's one rule ({@link InEffect}). */
    public boolean inEffectAt(Instant at) {
        return InEffect.at(this, at);
    }

    public boolean covers(String module) {
        return modules.contains(module);
    }

    /** Whether {@code party} is its CPO or its eMSP. */
    public boolean involves(OcpiParty party) {
        return cpo.equals(party) || emsp.equals(party);
    }

    /** The other side of the agreement from {@code party}. */
    public OcpiParty counterpartOf(OcpiParty party) {
        return cpo.equals(party) ? emsp : cpo;
    }
}
