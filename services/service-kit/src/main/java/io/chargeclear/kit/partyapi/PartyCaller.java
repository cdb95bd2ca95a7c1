package io.chargeclear.kit.partyapi;

import io.chargeclear.model.event.OcpiParty;
import jakarta.ws.rs.container.ContainerRequestContext;

import java.util.List;

/**
 * The partner platform behind a request to a party API ({@code /party/...}), authenticated by its OCPI token C,
 * and the parties it speaks for: what a party-scoped view may show.
 *
 * @param platformId the platform
 * @param parties    its active parties (a party in two roles appears once)
 */
public record PartyCaller(String platformId, List<OcpiParty> parties) {

    static final String PROPERTY = PartyCaller.class.getName();

    /** The caller of a request {@link PartyAuthFilter} let through. */
    public static PartyCaller of(ContainerRequestContext request) {
        PartyCaller caller = (PartyCaller) request.getProperty(PROPERTY);
        if (caller == null) {
            throw new IllegalStateException("no authenticated party caller on " + request.getUriInfo().getPath());
        }
        return caller;
    }

    public boolean speaksFor(OcpiParty party) {
        return parties.contains(party);
    }
}
