package io.chargeclear.registry.config;

import io.smallrye.config.ConfigMapping;

/** Settings of the party registry. */
@ConfigMapping(prefix = "chargeclear.registry")
public interface RegistryConfig {

    /** Public base URL of the OCPI gateway; partners get {@code <url>/ocpi/versions} with their token A. */
    String gatewayPublicUrl();
}
