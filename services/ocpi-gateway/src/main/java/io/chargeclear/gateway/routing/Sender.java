package io.chargeclear.gateway.routing;

import io.chargeclear.model.event.OcpiParty;

import java.util.Set;

/**
 * The requesting party of a functional-module request, proven to belong to the authenticated platform.
 *
 * @param party      from the OCPI-from headers
 * @param roles      the roles the operator approved for this party (CPO, EMSP, NSP, OTHER)
 * @param platformId the authenticated platform
 */
public record Sender(OcpiParty party, Set<String> roles, String platformId) {

    public boolean is(String role) {
        return roles.contains(role);
    }
}
