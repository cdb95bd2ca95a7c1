package io.chargeclear.partners;

import io.chargeclear.testkit.partner.OcpiPartner;

/**
 * One of the demo's partner platforms: the OCPI platform itself and the name the operator registers it under.
 *
 * @param name     the platform's and its party's name at the registry, e.g. {@code Demo CPO 1}
 * @param platform the OCPI platform serving on a loopback port
 */
record DemoPartner(String name, OcpiPartner platform) {

    /** {@code NL*DC1}: the party as the demo prints it. */
    String label() {
        return platform.countryCode() + "*" + platform.partyId();
    }

    /** {@code CPO} or {@code EMSP}. */
    String role() {
        return platform.role().name();
    }
}
