package io.chargeclear.kit.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An {@code Authorization: Bearer <token>} header, to be checked against the operator's token. */
public final class OperatorTokenRequest extends BaseAuthenticationRequest {

    private final String token;

    public OperatorTokenRequest(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    @Override
    public String toString() {
        return "OperatorTokenRequest";
    }
}
