package io.chargeclear.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the OCPI gateway. */
@ConfigMapping(prefix = "chargeclear.gateway")
public interface GatewayConfig {

    /** Public base URL partners reach the gateway at; every URL the hub hands out starts with it. */
    String publicUrl();

    /** Base URL of the party registry, which owns the tokens (credentials handshake only). */
    String registryUrl();

    /** How long the hub waits for a partner's versions and details endpoints during the handshake. */
    @WithDefault("PT10S")
    Duration partnerTimeout();

    /**
     * The largest page the hub serves in an OCPI "GET list", and the page size when a client asks for none;
     * sent as {@code X-Limit} (OCPI 2.2.1 §transport_and_format "Pagination").
     */
    @WithDefault("100")
    int pageSizeMax();

    /** The hub's own identity in its OCPI credentials. */
    Hub hub();

    interface Hub {
        /** ISO 3166-1 alpha-2 country code of the hub operator. */
        String countryCode();

        /** The hub's OCPI party id (3 characters). */
        String partyId();

        /** Business name shown to partners. */
        String name();
    }

    /** {@link #publicUrl()} without a trailing slash. */
    default String baseUrl() {
        String url = publicUrl();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
