package io.chargeclear.gateway.ocpi;

import io.chargeclear.kit.security.PlatformIdentity;

/**
 * The authenticated platform behind an OCPI request: which platform, which kind of hub-issued token it
 * presented (A: registration only; C: everything), the token itself, as GET credentials echoes it, and whether
 * the platform uses plain tokens (OCPI 2.1.1/2.2 peers) instead of Base64.
 */
public record OcpiCaller(String platformId, String tokenKind, String token, boolean plainTokens) {

    /** The caller of the current request, from its security identity (resources allowing a platform role only). */
    public static OcpiCaller current() {
        PlatformIdentity platform = PlatformIdentity.current();
        return new OcpiCaller(platform.platformId(), platform.tokenKind(), platform.token(), platform.plainTokens());
    }

    @Override
    public String toString() {
        return "OcpiCaller[platformId=" + platformId + ", tokenKind=" + tokenKind + ", plainTokens=" + plainTokens + "]";
    }
}
