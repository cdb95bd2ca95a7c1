package io.chargeclear.model.ocpi.locations;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/**
 * A one-off opening or closing period in UTC.
 * <p>
 * OCPI 2.2.1 §mod_locations "ExceptionalPeriod class".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExceptionalPeriod(
        @JsonProperty("period_begin") @NotNull Instant periodBegin,
        @JsonProperty("period_end") @NotNull Instant periodEnd) {
}
