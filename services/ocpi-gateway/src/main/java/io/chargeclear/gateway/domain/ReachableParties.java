package io.chargeclear.gateway.domain;

import io.chargeclear.kit.agreement.Agreement;
import io.chargeclear.model.event.OcpiParty;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which parties a 2.3.0 peer is told it can reach through the hub, in the {@code roles} of the hub's credentials
 * (OCPI 2.3.0 §credentials: a hub lists "the parties that are reachable through the Roaming Hub"). The hub lists
 * only contracted counterparties: the other side of every agreement in effect with one of the peer's own parties.
 * Never one of the peer's own parties (a platform that is CPO and eMSP under one party id still sees only its
 * counterparties), so no party learned from a peer is announced back to it. Open-market standard terms add nobody:
 * such counterparts are learned through HubClientInfo.
 */
public final class ReachableParties {

    /** One OCPI party with its role: {@code CPO} or {@code EMSP} here, as agreements bind those two. */
    public record Party(String countryCode, String partyId, String role) {
    }

    private static final Comparator<Party> ORDER = Comparator.comparing(Party::countryCode)
            .thenComparing(Party::partyId).thenComparing(Party::role);

    private ReachableParties() {
    }

    /**
     * @param own        the peer's own parties (those the operator approved for its platform and those it declared)
     * @param agreements every agreement the hub knows
     * @return the counterparties, sorted by country code, party id and role
     */
    public static Set<Party> of(Set<Party> own, Collection<Agreement> agreements, Instant at) {
        Set<Party> reachable = new TreeSet<>(ORDER);
        for (Agreement agreement : agreements) {
            if (!agreement.inEffectAt(at)) {
                continue;
            }
            if (own.contains(party(agreement.cpo(), "CPO"))) {
                reachable.add(party(agreement.emsp(), "EMSP"));
            }
            if (own.contains(party(agreement.emsp(), "EMSP"))) {
                reachable.add(party(agreement.cpo(), "CPO"));
            }
        }
        reachable.removeAll(own);
        return reachable;
    }

    private static Party party(OcpiParty party, String role) {
        return new Party(party.countryCode(), party.partyId(), role);
    }
}
