package io.chargeclear.model.ocpi.locations;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The energy supplied at a Location or under a Tariff: sources, environmental impact and supplier.
 * <p>
 * OCPI 2.2.1 §mod_locations "EnergyMix class".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnergyMix(
        @JsonProperty("is_green_energy") @NotNull Boolean isGreenEnergy,
        @JsonProperty("energy_sources") List<@Valid EnergySource> energySources,
        @JsonProperty("environ_impact") List<@Valid EnvironmentalImpact> environImpact,
        @JsonProperty("supplier_name") @Size(max = 64) String supplierName,
        @JsonProperty("energy_product_name") @Size(max = 64) String energyProductName) {
}
