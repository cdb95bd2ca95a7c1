package io.chargeclear.model.ocpi.chargingprofiles;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * Asynchronous result of a GET ActiveChargingProfile request, POSTed to the response_url.
 * <p>
 * OCPI 2.2.1 §mod_charging_profiles "ActiveChargingProfileResult object".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActiveChargingProfileResult(
        @JsonProperty("result") @NotNull ChargingProfileResultType result,
        @JsonProperty("profile") @Valid ActiveChargingProfile profile) {
}
