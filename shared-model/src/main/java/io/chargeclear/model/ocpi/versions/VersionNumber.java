package io.chargeclear.model.ocpi.versions;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * OCPI protocol versions a platform can announce; 2.1 and 2.2 are deprecated but still appear in the wild. The hub
 * speaks 2.2.1 and 2.3.0 (which editions 1 and 2 of 2.3.0 both send as {@code "2.3.0"}).
 * <p>
 * OCPI 2.2.1 §version_information_endpoint "VersionNumber enum".
 */
public enum VersionNumber {
    @JsonProperty("2.0")
    V2_0,

    /** Deprecated. */
    @JsonProperty("2.1")
    V2_1,

    @JsonProperty("2.1.1")
    V2_1_1,

    /** Deprecated. */
    @JsonProperty("2.2")
    V2_2,

    @JsonProperty("2.2.1")
    V2_2_1,

    @JsonProperty("2.3.0")
    V2_3_0
}
