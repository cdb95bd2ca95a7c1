package io.chargeclear.model.ocpi.locations;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;

/**
 * Share (percentage) of one energy source in an EnergyMix.
 * <p>
 * OCPI 2.2.1 §mod_locations "EnergySource class".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnergySource(
        @JsonProperty("source") @NotNull EnergySourceCategory source,
        @JsonProperty("percentage") @NotNull BigDecimal percentage) {
}
