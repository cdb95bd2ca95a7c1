package io.chargeclear.gateway.routing;

import io.chargeclear.gateway.partner.PartnerEndpoints;
import io.chargeclear.model.event.OcpiParty;

/**
 * A party the hub can deliver to now: its platform is active and connected, so the hub holds its endpoints.
 *
 * @param party       the receiving party
 * @param role        its OCPI role (CPO, EMSP, NSP, OTHER)
 * @param platformId  the platform that speaks for it
 * @param endpoints   that platform's 2.2.1 endpoints
 * @param tokenB      the platform's token B, in clear (opened once per connection change, ADR 0018); never printed
 * @param plainTokens whether it expects the token without Base64
 */
public record Receiver(OcpiParty party, String role, String platformId, PartnerEndpoints endpoints, String tokenB,
                       boolean plainTokens) {

    @Override
    public String toString() {
        return "Receiver[party=" + party + ", role=" + role + ", platformId=" + platformId + "]";
    }
}
