package io.chargeclear.model.ocpi.cdrs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * One signed meter value; plain_data allows 5000 characters as corrected in OCPI 2.3.0-ed2 (the 2.2.1 text says 512).
 * <p>
 * OCPI 2.2.1 §mod_cdrs "SignedValue class".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SignedValue(
        @JsonProperty("nature") @NotNull @Size(max = 32) String nature,
        @JsonProperty("plain_data") @NotNull @Size(max = 5000) String plainData,
        @JsonProperty("signed_data") @NotNull @Size(max = 5000) String signedData) {
}
