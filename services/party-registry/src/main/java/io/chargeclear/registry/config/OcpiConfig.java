package io.chargeclear.registry.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;

/**
 * The OCPI versions the hub offers, the same setting the gateway reads (docs/adr/0025-ocpi-version-per-platform.md):
 * the registry refuses to connect a platform on any other version.
 */
@ConfigMapping(prefix = "chargeclear.ocpi")
public interface OcpiConfig {

    /**
     * The OCPI versions the hub offers partners ({@code 2.2.1}, {@code 2.3.0}); both by default.
     */
    @WithDefault("2.2.1,2.3.0")
    List<String> versions();
}
