package io.chargeclear.model.ocpi.locations;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * Opening times of a Location: 24/7 or weekly regular hours, plus exceptional openings and closings.
 * <p>
 * OCPI 2.2.1 §mod_locations "Hours class".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Hours(
        @JsonProperty("twentyfourseven") @NotNull Boolean twentyfourseven,
        @JsonProperty("regular_hours") List<@Valid RegularHours> regularHours,
        @JsonProperty("exceptional_openings") List<@Valid ExceptionalPeriod> exceptionalOpenings,
        @JsonProperty("exceptional_closings") List<@Valid ExceptionalPeriod> exceptionalClosings) {
}
