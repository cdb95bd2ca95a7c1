package io.chargeclear.model.ocpi.locations;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;

/**
 * Environmental impact of the supplied energy in g/kWh.
 * <p>
 * OCPI 2.2.1 §mod_locations "EnvironmentalImpact class".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnvironmentalImpact(
        @JsonProperty("category") @NotNull EnvironmentalImpactCategory category,
        @JsonProperty("amount") @NotNull BigDecimal amount) {
}
