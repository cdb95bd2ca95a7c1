package io.chargeclear.model.ocpi.chargingprofiles;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * The CPO's synchronous answer to a charging-profile request.
 * <p>
 * OCPI 2.2.1 §mod_charging_profiles "ChargingProfileResponse object".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChargingProfileResponse(
        @JsonProperty("result") @NotNull ChargingProfileResponseType result,
        @JsonProperty("timeout") @NotNull @PositiveOrZero Integer timeout) {
}
