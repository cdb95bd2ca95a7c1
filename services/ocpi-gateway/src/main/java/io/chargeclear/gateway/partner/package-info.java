/**
 * The hub's HTTP client towards partner platforms and the rules for the URLs it calls them at: {@link
 * io.chargeclear.gateway.partner.PartnerClient}, the endpoints a partner published, the encoding of ids into URLs
 * and the checks on {@code response_url}s. It knows nothing of routing or delivery; both use it.
 * <p>
 * The gateway's packages depend on each other in one direction only (checked with {@code jdeps -verbose:package}):
 * <pre>
 * api, api.modules  → service → routing → delivery → partner → ocpi → config
 *                                   ↘ store → persistence      ↗
 * </pre>
 * In words: {@code partner} depends only on {@code config}; {@code delivery} on {@code partner}, {@code ocpi},
 * {@code persistence}, {@code config}; {@code routing} on {@code delivery}, {@code partner}, {@code store},
 * {@code ocpi}, {@code domain}, {@code persistence}, {@code config}; {@code service} on {@code routing} and
 * everything below; the resources on anything. Where a lower package must tell a higher one something (the
 * dispatcher noticing a platform go OFFLINE), it declares an interface the higher one implements
 * ({@link io.chargeclear.gateway.delivery.ReachabilityListener}).
 */
package io.chargeclear.gateway.partner;
