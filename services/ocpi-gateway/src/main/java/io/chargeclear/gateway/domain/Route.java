package io.chargeclear.gateway.domain;

/**
 * Where the hub sends traffic addressed to one party: the platform that speaks for it, and whether it may
 * be routed to now (a suspended platform is known but not reachable: OCPI 4003).
 */
public record Route(String countryCode, String partyId, String role, String partyName, String platformId,
                    String platformName, String platformStatus) {

    public boolean routable() {
        return "ACTIVE".equals(platformStatus);
    }
}
