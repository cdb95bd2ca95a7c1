package io.chargeclear.kit.security;

import io.chargeclear.model.ocpi.TokenHeader;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An OCPI {@code Authorization: Token <value>} header with its readings (Base64 and plain). */
public final class PlatformTokenRequest extends BaseAuthenticationRequest {

    private final TokenHeader.Presented presented;

    public PlatformTokenRequest(TokenHeader.Presented presented) {
        this.presented = presented;
    }

    public TokenHeader.Presented presented() {
        return presented;
    }

    @Override
    public String toString() {
        return "PlatformTokenRequest";
    }
}
