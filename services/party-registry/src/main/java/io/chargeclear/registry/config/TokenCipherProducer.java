package io.chargeclear.registry.config;

import io.chargeclear.kit.crypto.TokenCipher;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Builds the {@link TokenCipher} from configuration when the service starts, so a missing or malformed key
 * (not Base64 of 32 bytes) stops the start instead of failing the first partner registration.
 */
@ApplicationScoped
public class TokenCipherProducer {

    @Produces
    @Singleton
    @Startup
    TokenCipher tokenCipher(RegistryConfig config) {
        try {
            return TokenCipher.fromBase64Key(config.tokenEncryptionKey());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("chargeclear.registry.token-encryption-key (env CHARGECLEAR_TOKEN_ENCRYPTION_KEY): "
                    + e.getMessage(), e);
        }
    }
}
