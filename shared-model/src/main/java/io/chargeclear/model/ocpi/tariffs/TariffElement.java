package io.chargeclear.model.ocpi.tariffs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * A group of price components that apply together while all its restrictions hold.
 * <p>
 * OCPI 2.2.1 §mod_tariffs "TariffElement class".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TariffElement(
        @JsonProperty("price_components") @NotNull @NotEmpty List<@Valid PriceComponent> priceComponents,
        @JsonProperty("restrictions") @Valid TariffRestrictions restrictions) {
}
