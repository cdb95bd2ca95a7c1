package io.chargeclear.kit.partyapi;

import io.chargeclear.kit.security.PlatformIdentity;
import io.chargeclear.kit.security.Roles;
import io.chargeclear.model.event.OcpiParty;

import java.util.List;

/**
 * The partner platform behind a request to a party API ({@code /party/...}), authenticated by its OCPI token C
 * (role {@link Roles#PLATFORM}), and the parties it speaks for: what a party-scoped view may show.
 *
 * @param platformId the platform
 * @param parties    its active parties (a party in two roles appears once)
 */
public record PartyCaller(String platformId, List<OcpiParty> parties) {

    /** The caller of the current request, from its security identity; only resources allowing {@code platform}. */
    public static PartyCaller current() {
        PlatformIdentity platform = PlatformIdentity.current();
        return new PartyCaller(platform.platformId(), platform.parties());
    }

    public boolean speaksFor(OcpiParty party) {
        return parties.contains(party);
    }
}
