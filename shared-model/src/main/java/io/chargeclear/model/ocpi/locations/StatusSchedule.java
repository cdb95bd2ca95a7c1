package io.chargeclear.model.ocpi.locations;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/**
 * A planned future status of an EVSE, e.g. a maintenance window.
 * <p>
 * OCPI 2.2.1 §mod_locations "StatusSchedule class".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatusSchedule(
        @JsonProperty("period_begin") @NotNull Instant periodBegin,
        @JsonProperty("period_end") Instant periodEnd,
        @JsonProperty("status") @NotNull Status status) {
}
