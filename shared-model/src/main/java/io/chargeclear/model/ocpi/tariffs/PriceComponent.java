package io.chargeclear.model.ocpi.tariffs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;

/**
 * Price per unit of one dimension, excluding VAT, billed in blocks of step_size.
 * <p>
 * OCPI 2.2.1 §mod_tariffs "PriceComponent class".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PriceComponent(
        @JsonProperty("type") @NotNull TariffDimensionType type,
        @JsonProperty("price") @NotNull BigDecimal price,
        @JsonProperty("vat") BigDecimal vat,
        @JsonProperty("step_size") @NotNull @PositiveOrZero Integer stepSize) {
}
