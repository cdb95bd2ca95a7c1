package io.chargeclear.model.ocpi.locations;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A weekly opening period in local time; weekday 1 is Monday, 7 is Sunday.
 * <p>
 * OCPI 2.2.1 §mod_locations "RegularHours class".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegularHours(
        @JsonProperty("weekday") @NotNull @Min(1) @Max(7) Integer weekday,
        @JsonProperty("period_begin") @NotNull @Size(max = 5)
        @Pattern(regexp = "([0-1][0-9]|2[0-3]):[0-5][0-9]") String periodBegin,
        @JsonProperty("period_end") @NotNull @Size(max = 5)
        @Pattern(regexp = "([0-1][0-9]|2[0-3]):[0-5][0-9]") String periodEnd) {
}
