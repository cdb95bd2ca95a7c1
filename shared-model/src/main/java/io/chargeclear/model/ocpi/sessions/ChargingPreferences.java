package io.chargeclear.model.ocpi.sessions;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The driver's wishes for a session (profile, departure time, energy need), sent by the eMSP to the CPO.
 * <p>
 * OCPI 2.2.1 §mod_sessions "ChargingPreferences object".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChargingPreferences(
        @JsonProperty("profile_type") @NotNull ProfileType profileType,
        @JsonProperty("departure_time") Instant departureTime,
        @JsonProperty("energy_need") BigDecimal energyNeed,
        @JsonProperty("discharge_allowed") Boolean dischargeAllowed) {
}
