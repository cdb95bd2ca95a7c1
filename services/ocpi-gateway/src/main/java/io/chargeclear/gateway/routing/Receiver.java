package io.chargeclear.gateway.routing;

import io.chargeclear.gateway.partner.PartnerEndpoints;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.ocpi.version.OcpiVersion;

/**
 * A party the hub can deliver to now: its platform is active and connected, so the hub holds its endpoints.
 *
 * @param party       the receiving party
 * @param role        its OCPI role (CPO, EMSP, NSP, OTHER)
 * @param platformId  the platform that speaks for it
 * @param endpoints   that platform's endpoints, of its version
 * @param tokenB      the platform's token B, in clear (opened once per connection change, ADR 0018); never printed
 * @param plainTokens whether it expects the token without Base64
 * @param version     the OCPI version the platform speaks: what it is sent is rendered for it (ADR 0024)
 */
public record Receiver(OcpiParty party, String role, String platformId, PartnerEndpoints endpoints, String tokenB,
                       boolean plainTokens, OcpiVersion version) {

    @Override
    public String toString() {
        return "Receiver[party=" + party + ", role=" + role + ", platformId=" + platformId + "]";
    }
}
