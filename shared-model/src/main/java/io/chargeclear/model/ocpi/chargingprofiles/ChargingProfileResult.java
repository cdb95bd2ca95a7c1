package io.chargeclear.model.ocpi.chargingprofiles;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;

/**
 * Asynchronous result of a SetChargingProfile request, POSTed to the response_url.
 * <p>
 * OCPI 2.2.1 §mod_charging_profiles "ChargingProfileResult object".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChargingProfileResult(
        @JsonProperty("result") @NotNull ChargingProfileResultType result) {
}
