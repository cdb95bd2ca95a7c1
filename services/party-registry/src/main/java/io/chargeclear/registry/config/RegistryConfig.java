package io.chargeclear.registry.config;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** Settings of the party registry. */
@ConfigMapping(prefix = "chargeclear.registry")
public interface RegistryConfig {

    /** Public base URL of the OCPI gateway; partners get {@code <url>/ocpi/versions} with their token A. */
    String gatewayPublicUrl();

    /**
     * How long a token C replaced by an OCPI credentials update keeps working, so requests the partner already
     * sent with the old token still pass; a request may ask for its own window (0 to 3600 seconds).
     */
    Duration rotationGrace();

    /** Base64 of the 32-byte AES-256 key that encrypts the partners' tokens (OCPI token B) at rest. */
    String tokenEncryptionKey();
}
