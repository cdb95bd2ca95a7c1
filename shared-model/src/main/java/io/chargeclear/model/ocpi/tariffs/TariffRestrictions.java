package io.chargeclear.model.ocpi.tariffs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;

/**
 * Conditions (time, date, energy, current, power, duration, weekday, reservation) under which an element applies.
 * <p>
 * OCPI 2.2.1 §mod_tariffs "TariffRestrictions class".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TariffRestrictions(
        @JsonProperty("start_time") @Size(max = 5)
        @Pattern(regexp = "([0-1][0-9]|2[0-3]):[0-5][0-9]") String startTime,
        @JsonProperty("end_time") @Size(max = 5) @Pattern(regexp = "([0-1][0-9]|2[0-3]):[0-5][0-9]") String endTime,
        @JsonProperty("start_date") @Size(max = 10)
        @Pattern(regexp = "[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])") String startDate,
        @JsonProperty("end_date") @Size(max = 10)
        @Pattern(regexp = "[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])") String endDate,
        @JsonProperty("min_kwh") BigDecimal minKwh,
        @JsonProperty("max_kwh") BigDecimal maxKwh,
        @JsonProperty("min_current") BigDecimal minCurrent,
        @JsonProperty("max_current") BigDecimal maxCurrent,
        @JsonProperty("min_power") BigDecimal minPower,
        @JsonProperty("max_power") BigDecimal maxPower,
        @JsonProperty("min_duration") @PositiveOrZero Integer minDuration,
        @JsonProperty("max_duration") @PositiveOrZero Integer maxDuration,
        @JsonProperty("day_of_week") List<DayOfWeek> dayOfWeek,
        @JsonProperty("reservation") ReservationRestrictionType reservation) {
}
