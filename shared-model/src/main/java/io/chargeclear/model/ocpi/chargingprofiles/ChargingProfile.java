package io.chargeclear.model.ocpi.chargingprofiles;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A power or current limit schedule for a session; limits are maxima, not targets.
 * <p>
 * OCPI 2.2.1 §mod_charging_profiles "ChargingProfile class".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChargingProfile(
        @JsonProperty("start_date_time") Instant startDateTime,
        @JsonProperty("duration") @PositiveOrZero Integer duration,
        @JsonProperty("charging_rate_unit") @NotNull ChargingRateUnit chargingRateUnit,
        @JsonProperty("min_charging_rate") BigDecimal minChargingRate,
        @JsonProperty("charging_profile_period") List<@Valid ChargingProfilePeriod> chargingProfilePeriod) {
}
