package io.chargeclear.partners;

import io.chargeclear.model.ocpi.credentials.Role;
import io.chargeclear.testkit.partner.OcpiPartner;

import java.util.List;

/**
 * One of the demo's partner platforms: the OCPI platform itself, the name the operator registers it under, and what
 * the operator records about its party beyond the role.
 *
 * @param name             the platform's and its party's name at the registry, e.g. {@code Demo CPO 1}
 * @param platform         the OCPI platform serving on a loopback port
 * @param emaidProviderIds the EMAID provider ids an eMSP holds (normal form, e.g. {@code DEDM1}), by which the hub
 *                         routes Plug &amp; Charge authorizations to it; empty for every other party
 */
record DemoPartner(String name, OcpiPartner platform, List<String> emaidProviderIds) {

    DemoPartner {
        emaidProviderIds = List.copyOf(emaidProviderIds);
    }

    /** A partner holding no EMAID provider id. */
    DemoPartner(String name, OcpiPartner platform) {
        this(name, platform, List.of());
    }

    /** {@code NL*DC1}: the party as the demo prints it. */
    String label() {
        return platform.countryCode() + "*" + platform.partyId();
    }

    /** {@code CPO}, {@code EMSP} or {@code OTHER}. */
    String role() {
        return platform.role().name();
    }

    /**
     * Whether the operator registers the party as a payment terminal provider: the test kit builds a platform of role
     * OTHER only as one, and only a party of role OTHER may be one.
     */
    boolean paymentTerminalProvider() {
        return platform.role() == Role.OTHER;
    }
}
