package io.chargeclear.gateway.routing;

import io.chargeclear.kit.agreement.AgreementBook;
import io.chargeclear.model.event.OcpiParty;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Who may deal with whom, per OCPI module (DESIGN "agreement-gated"), as the routing code asks it: a thin gate over
 * the service kit's {@link AgreementBook}, which holds the rule (docs/adr/0017-one-agreement-book.md). Two parties
 * may exchange a module's data when an agreement between them is in effect at that moment (inside its window and
 * not ended) and covers the module; with no such agreement, only when the standard terms are {@code OPEN_MARKET}
 * and cover the module. A party always deals with itself. The agreement's CPO and eMSP sides are matched in either
 * order, so the gate needs no role. Until the standard terms arrive the gate is closed (agreements only). Answers
 * come from memory; the {@code Uni} signatures stay so the routing code composes as before.
 */
@ApplicationScoped
public class AgreementGate {

    private final AgreementBook book;

    public AgreementGate(AgreementBook book) {
        this.book = book;
    }

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
        io.chargeclear.kit.agreement.Counterparts c = book.counterparts(party, module, at);
        return Uni.createFrom().item(new Counterparts(c.everyone(), c.parties()));
    }
}
