/**
 * A roaming partner's OCPI 2.2.1 platform for tests: {@link io.chargeclear.testkit.partner.OcpiPartner} serves a
 * CPO's or an eMSP's endpoints on a loopback port and calls the hub over real HTTP, so a test exercises the hub
 * exactly as a connected platform would.
 */
package io.chargeclear.testkit.partner;
