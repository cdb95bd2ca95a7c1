package io.chargeclear.model.ocpi.chargingprofiles;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Request body of PUT on the CPO's chargingprofiles receiver: the profile to set and where to send the result.
 * <p>
 * OCPI 2.2.1 §mod_charging_profiles "SetChargingProfile object".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SetChargingProfile(
        @JsonProperty("charging_profile") @Valid @NotNull ChargingProfile chargingProfile,
        @JsonProperty("response_url") @NotNull @Size(max = 255) String responseUrl) {
}
