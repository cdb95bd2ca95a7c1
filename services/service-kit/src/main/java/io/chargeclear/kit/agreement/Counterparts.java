package io.chargeclear.kit.agreement;

import io.chargeclear.model.event.OcpiParty;

import java.util.Set;

/**
 * Whom a party may exchange one OCPI module's data with at one moment: everyone (open-market standard terms cover
 * the module), or exactly {@code parties} (itself and its counterparts under agreements in effect covering it).
 */
public record Counterparts(boolean everyone, Set<OcpiParty> parties) {

    public Counterparts {
        parties = Set.copyOf(parties);
    }

    public static Counterparts all() {
        return new Counterparts(true, Set.of());
    }

    public boolean includes(OcpiParty party) {
        return everyone || parties.contains(party);
    }
}
