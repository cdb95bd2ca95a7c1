package io.chargeclear.model.ocpi.chargingprofiles;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;

/**
 * One step of a ChargingProfile: the limit from start_period seconds after the profile start.
 * <p>
 * OCPI 2.2.1 §mod_charging_profiles "ChargingProfilePeriod class".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChargingProfilePeriod(
        @JsonProperty("start_period") @NotNull @PositiveOrZero Integer startPeriod,
        @JsonProperty("limit") @NotNull BigDecimal limit) {
}
