package io.chargeclear.kit.agreement;

import io.chargeclear.model.event.OcpiParty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One immutable state of the agreement book: agreements by id and by party, and the standard terms. Every answer
 * the book gives is computed here, from memory; a change makes a new snapshot ({@link #with}), never edits this one.
 * Merging keeps, per agreement, the snapshot with the highest revision, so loads that race with each other or
 * with a notification can only move the book forward.
 */
final class BookSnapshot {

    static final BookSnapshot EMPTY = new BookSnapshot(Map.of(), null);

    private final Map<String, Agreement> byId;
    private final Map<OcpiParty, List<Agreement>> byParty;
    private final StandardTerms standardTerms;

    private BookSnapshot(Map<String, Agreement> byId, StandardTerms standardTerms) {
        this.byId = Map.copyOf(byId);
        this.standardTerms = standardTerms;
        Map<OcpiParty, List<Agreement>> parties = new HashMap<>();
        for (Agreement a : byId.values()) {
            parties.computeIfAbsent(a.cpo(), p -> new ArrayList<>()).add(a);
            if (!a.emsp().equals(a.cpo())) {
                parties.computeIfAbsent(a.emsp(), p -> new ArrayList<>()).add(a);
            }
        }
        Map<OcpiParty, List<Agreement>> frozen = new HashMap<>();
        parties.forEach((party, list) -> frozen.put(party, List.copyOf(list)));
        this.byParty = Map.copyOf(frozen);
    }

    /** This book with {@code agreements} and {@code terms} merged in, each only where newer; {@code this} if none is. */
    BookSnapshot with(Collection<Agreement> agreements, StandardTerms terms) {
        Map<String, Agreement> merged = null;
        for (Agreement a : agreements) {
            Agreement known = byId.get(a.agreementId());
            if (known == null || known.revision() < a.revision()) {
                if (merged == null) {
                    merged = new HashMap<>(byId);
                }
                Agreement current = merged.get(a.agreementId());
                if (current == null || current.revision() < a.revision()) {
                    merged.put(a.agreementId(), a);
                }
            }
        }
        boolean newerTerms = terms != null && (standardTerms == null || standardTerms.revision() < terms.revision());
        if (merged == null && !newerTerms) {
            return this;
        }
        return new BookSnapshot(merged == null ? byId : merged, newerTerms ? terms : standardTerms);
    }

    Optional<Agreement> agreement(String agreementId) {
        return Optional.ofNullable(byId.get(agreementId));
    }

    Collection<Agreement> agreements() {
        return byId.values();
    }

    Optional<StandardTerms> standardTerms() {
        return Optional.ofNullable(standardTerms);
    }

    /** The agreement between exactly this CPO and this eMSP that governs {@code at} ({@link InEffect#choose}). */
    Optional<Agreement> inEffect(OcpiParty cpo, OcpiParty emsp, Instant at) {
        List<Agreement> pair = byParty.getOrDefault(cpo, List.of()).stream()
                .filter(a -> a.cpo().equals(cpo) && a.emsp().equals(emsp)).toList();
        return InEffect.choose(pair, at);
    }

    /**
     * Everyone {@code party} may exchange {@code module} with at {@code at}: everyone when the standard terms are
     * open market and cover the module; else itself and the other side of each agreement in effect that covers it
     * (as CPO or as eMSP). Without standard terms the book is closed: agreements only.
     */
    Counterparts counterparts(OcpiParty party, String module, Instant at) {
        if (standardTerms != null && standardTerms.openFor(module)) {
            return Counterparts.all();
        }
        Set<OcpiParty> parties = new HashSet<>();
        parties.add(party);
        for (Agreement a : byParty.getOrDefault(party, List.of())) {
            if (a.covers(module) && a.inEffectAt(at)) {
                parties.add(a.counterpartOf(party));
            }
        }
        return new Counterparts(false, parties);
    }
}
