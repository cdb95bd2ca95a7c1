/**
 * Six demo roaming partners for a running hub: {@link io.chargeclear.partners.PartnersDemo} connects two CPO and
 * two eMSP platforms on OCPI 2.2.1, and a Canadian CPO and a payment terminal provider on OCPI 2.3.0, over the OCPI
 * credentials handshake and replays the hub's routing scenario, so operators and partner developers can watch the
 * hub route, also between versions and currencies, by Plug &amp; Charge contract ids and for card payments at a
 * terminal, and then call it by hand as one of the partners.
 */
package io.chargeclear.partners;
