package io.chargeclear.gateway.config;

import io.chargeclear.kit.crypto.TokenCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The cipher sealing partners' tokens (token B), from configuration; a bad key stops the gateway at start. */
@ApplicationScoped
public class TokenCipherProducer {

    @Produces
    @ApplicationScoped
    TokenCipher tokenCipher(GatewayConfig config) {
        try {
            return TokenCipher.fromBase64Key(config.tokenEncryptionKey());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("chargeclear.gateway.token-encryption-key (env CHARGECLEAR_TOKEN_ENCRYPTION_KEY): "
                    + e.getMessage(), e);
        }
    }
}
