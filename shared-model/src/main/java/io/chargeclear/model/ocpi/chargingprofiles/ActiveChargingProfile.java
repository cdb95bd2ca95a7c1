package io.chargeclear.model.ocpi.chargingprofiles;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/**
 * The charging profile the charge point is actually applying, as computed by the CPO.
 * <p>
 * OCPI 2.2.1 §mod_charging_profiles "ActiveChargingProfile class".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActiveChargingProfile(
        @JsonProperty("start_date_time") @NotNull Instant startDateTime,
        @JsonProperty("charging_profile") @Valid @NotNull ChargingProfile chargingProfile) {
}
