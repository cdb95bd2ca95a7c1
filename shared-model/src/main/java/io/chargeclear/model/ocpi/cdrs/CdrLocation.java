package io.chargeclear.model.ocpi.cdrs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.model.ocpi.locations.ConnectorFormat;
import io.chargeclear.model.ocpi.locations.ConnectorType;
import io.chargeclear.model.ocpi.locations.GeoLocation;
import io.chargeclear.model.ocpi.locations.PowerType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The Location, EVSE and Connector a CDR was charged at, frozen at session start (note its shorter field limits).
 * <p>
 * OCPI 2.2.1 §mod_cdrs "CdrLocation class".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CdrLocation(
        @JsonProperty("id") @NotNull @Size(max = 36) String id,
        @JsonProperty("name") @Size(max = 255) String name,
        @JsonProperty("address") @NotNull @Size(max = 45) String address,
        @JsonProperty("city") @NotNull @Size(max = 45) String city,
        @JsonProperty("postal_code") @Size(max = 10) String postalCode,
        @JsonProperty("state") @Size(max = 20) String state,
        @JsonProperty("country") @NotNull @Size(max = 3) String country,
        @JsonProperty("coordinates") @Valid @NotNull GeoLocation coordinates,
        @JsonProperty("evse_uid") @NotNull @Size(max = 36) String evseUid,
        @JsonProperty("evse_id") @NotNull @Size(max = 48) String evseId,
        @JsonProperty("connector_id") @NotNull @Size(max = 36) String connectorId,
        @JsonProperty("connector_standard") @NotNull ConnectorType connectorStandard,
        @JsonProperty("connector_format") @NotNull ConnectorFormat connectorFormat,
        @JsonProperty("connector_power_type") @NotNull PowerType connectorPowerType) {
}
