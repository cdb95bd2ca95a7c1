package io.chargeclear.model.ocpi.locations;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * A socket or cable of an EVSE; the tariffs that apply are referenced from here.
 * <p>
 * OCPI 2.2.1 §mod_locations "Connector object".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Connector(
        @JsonProperty("id") @NotNull @Size(max = 36) String id,
        @JsonProperty("standard") @NotNull ConnectorType standard,
        @JsonProperty("format") @NotNull ConnectorFormat format,
        @JsonProperty("power_type") @NotNull PowerType powerType,
        @JsonProperty("max_voltage") @NotNull @PositiveOrZero Integer maxVoltage,
        @JsonProperty("max_amperage") @NotNull @PositiveOrZero Integer maxAmperage,
        @JsonProperty("max_electric_power") @PositiveOrZero Integer maxElectricPower,
        @JsonProperty("tariff_ids") List<@Size(max = 36) String> tariffIds,
        @JsonProperty("terms_and_conditions") @Size(max = 255) String termsAndConditions,
        @JsonProperty("last_updated") @NotNull Instant lastUpdated) {
}
