package io.chargeclear.model.ocpi.cdrs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;

/**
 * One measured quantity of a ChargingPeriod (energy in kWh, time in hours, current in A, power in kW).
 * <p>
 * OCPI 2.2.1 §mod_cdrs "CdrDimension class".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CdrDimension(
        @JsonProperty("type") @NotNull CdrDimensionType type,
        @JsonProperty("volume") @NotNull BigDecimal volume) {
}
