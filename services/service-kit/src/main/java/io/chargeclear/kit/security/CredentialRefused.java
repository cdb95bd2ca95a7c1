package io.chargeclear.kit.security;

import io.quarkus.security.AuthenticationFailedException;

/**
 * A credential was presented and refused (unknown, expired, suspended platform, wrong form): HTTP 401 with the
 * message, which names the problem and never the token ({@link SecurityRefusals}).
 */
final class CredentialRefused {

    private CredentialRefused() {
    }

    static AuthenticationFailedException because(String message) {
        return new AuthenticationFailedException(message);
    }
}
