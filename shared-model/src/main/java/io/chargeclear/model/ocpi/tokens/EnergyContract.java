package io.chargeclear.model.ocpi.tokens;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The driver's own energy supplier contract, for charging on home energy.
 * <p>
 * OCPI 2.2.1 §mod_tokens "EnergyContract class".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnergyContract(
        @JsonProperty("supplier_name") @NotNull @Size(max = 64) String supplierName,
        @JsonProperty("contract_id") @Size(max = 64) String contractId) {
}
