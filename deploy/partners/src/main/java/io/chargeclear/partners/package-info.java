/**
 * Four demo roaming partners for a running hub: {@link io.chargeclear.partners.PartnersDemo} connects two CPO and
 * two eMSP platforms over the OCPI credentials handshake and replays the hub's routing scenario, so operators and
 * partner developers can watch the hub route and then call it by hand as one of the partners.
 */
package io.chargeclear.partners;
