package io.chargeclear.registry.domain;

import io.chargeclear.model.event.PlatformChanged;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Credentials tokens the hub issues. A token is 256 random bits in URL-safe Base64 (43 printable ASCII
 * characters, inside OCPI's string(64)); the hub keeps only its SHA-256 hash.
 */
public final class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The hash the registry keeps and hub.party.v1 carries (the contract's own definition). */
    public static String hash(String token) {
        return PlatformChanged.IssuedCredential.hashOf(token);
    }
}
