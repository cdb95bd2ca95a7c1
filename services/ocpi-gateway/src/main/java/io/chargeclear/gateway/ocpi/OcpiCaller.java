package io.chargeclear.gateway.ocpi;

/**
 * The authenticated platform behind an OCPI request: which platform, which kind of hub-issued token it
 * presented (A: registration only; C: everything), the token itself, as GET credentials echoes it, and whether
 * the platform uses plain tokens (OCPI 2.1.1/2.2 peers) instead of Base64.
 */
public record OcpiCaller(String platformId, String tokenKind, String token, boolean plainTokens) {

    /** Request property under which {@link OcpiAuthFilter} leaves the caller for resources. */
    public static final String PROPERTY = OcpiCaller.class.getName();
}
