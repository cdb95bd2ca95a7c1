package io.chargeclear.gateway.ocpi;

/**
 * The authenticated platform behind an OCPI request: which platform, which kind of hub-issued token it
 * presented (A: registration only; C: everything), and the token itself, as GET credentials echoes it.
 */
public record OcpiCaller(String platformId, String tokenKind, String token) {

    /** Request property under which {@link OcpiAuthFilter} leaves the caller for resources. */
    public static final String PROPERTY = OcpiCaller.class.getName();
}
