package io.chargeclear.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;

/**
 * The OCPI versions the hub offers partners, a setting the party registry reads too
 * (docs/adr/0025-ocpi-version-per-platform.md).
 */
@ConfigMapping(prefix = "chargeclear.ocpi")
public interface OcpiConfig {

    /**
     * The OCPI versions the hub offers ({@code 2.2.1}, {@code 2.3.0}), each listed by {@code GET /ocpi/versions} with
     * its own tree serving every module (ADR 0024); both by default.
     */
    @WithDefault("2.2.1,2.3.0")
    List<String> versions();
}
