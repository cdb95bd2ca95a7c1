package io.chargeclear.model.ocpi.cdrs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Calibration-law (Eichrecht) signed meter values that let a driver verify a CDR.
 * <p>
 * OCPI 2.2.1 §mod_cdrs "SignedData class".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SignedData(
        @JsonProperty("encoding_method") @NotNull @Size(max = 36) String encodingMethod,
        @JsonProperty("encoding_method_version") Integer encodingMethodVersion,
        @JsonProperty("public_key") @Size(max = 512) String publicKey,
        @JsonProperty("signed_values") @NotNull @NotEmpty List<@Valid SignedValue> signedValues,
        @JsonProperty("url") @Size(max = 512) String url) {
}
