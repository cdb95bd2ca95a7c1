package io.chargeclear.model.ocpi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;

/**
 * An amount excluding VAT and optionally including VAT, in the currency of the enclosing object.
 * <p>
 * OCPI 2.2.1 §types "Price class".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Price(
        @JsonProperty("excl_vat") @NotNull BigDecimal exclVat,
        @JsonProperty("incl_vat") BigDecimal inclVat) {
}
