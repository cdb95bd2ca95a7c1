package io.chargeclear.gateway.routing;

import io.chargeclear.gateway.persistence.AgreementView;
import io.chargeclear.gateway.persistence.StandardTermsView;
import io.chargeclear.model.event.AgreementChanged;
import io.chargeclear.model.event.OcpiParty;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who may deal with whom, per OCPI module (DESIGN "agreement-gated"): two parties may exchange a module's data
 * when an active agreement between them, in its validity window, covers the module; with no such agreement,
 * only when the standard terms are {@code OPEN_MARKET} and cover the module. A party always deals with itself.
 * The agreement's CPO and eMSP sides are matched in either order, so the gate needs no role. Until the standard
 * terms arrive from {@code hub.agreement.v1} the gate behaves as {@code AGREEMENT_REQUIRED} (closed by default).
 * Reads run in the caller's session.
 */
@ApplicationScoped
public class AgreementGate {

    /** Everyone, or these parties. */
    public record Counterparts(boolean everyone, Set<OcpiParty> parties) {

        public boolean includes(OcpiParty party) {
            return everyone || parties.contains(party);
        }

        /** {@code cc*pid} keys, for queries. */
        public List<String> keys() {
            return parties.stream().map(OcpiParty::toString).toList();
        }
    }

    public Uni<Boolean> allowed(OcpiParty a, OcpiParty b, String module, Instant at) {
        if (a.equals(b)) {
            return Uni.createFrom().item(true);
        }
        return counterparts(a, module, at).map(c -> c.includes(b));
    }

    /** Every party {@code party} may exchange {@code module} data with at {@code at}. */
    public Uni<Counterparts> counterparts(OcpiParty party, String module, Instant at) {
        return StandardTermsView.<StandardTermsView>findById(StandardTermsView.ID).flatMap(terms -> {
            if (terms != null && AgreementChanged.Mode.OPEN_MARKET.name().equals(terms.mode)
                    && covers(terms.modules, module)) {
                return Uni.createFrom().item(new Counterparts(true, Set.of()));
            }
            return AgreementView.<AgreementView>list(
                            "status = 'ACTIVE' and ((cpoCountryCode = ?1 and cpoPartyId = ?2)"
                                    + " or (emspCountryCode = ?1 and emspPartyId = ?2))",
                            party.countryCode(), party.partyId())
                    .map(agreements -> {
                        Set<OcpiParty> parties = new HashSet<>();
                        parties.add(party);
                        for (AgreementView a : agreements) {
                            if (inWindow(a, at) && covers(a.modules, module)) {
                                OcpiParty cpo = new OcpiParty(a.cpoCountryCode, a.cpoPartyId);
                                parties.add(cpo.equals(party) ? new OcpiParty(a.emspCountryCode, a.emspPartyId) : cpo);
                            }
                        }
                        return new Counterparts(false, Set.copyOf(parties));
                    });
        });
    }

    private static boolean inWindow(AgreementView a, Instant at) {
        return !at.isBefore(a.validFrom) && (a.validUntil == null || at.isBefore(a.validUntil));
    }

    private static boolean covers(String modules, String module) {
        return Arrays.asList(modules.split(",")).contains(module);
    }
}
