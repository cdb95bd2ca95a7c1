package io.chargeclear.model.ocpi.locations;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.model.ocpi.DisplayText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * An Electric Vehicle Supply Equipment: the part of a Location that charges one vehicle at a time.
 * <p>
 * OCPI 2.2.1 §mod_locations "EVSE object".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EVSE(
        @JsonProperty("uid") @NotNull @Size(max = 36) String uid,
        @JsonProperty("evse_id") @Size(max = 48) String evseId,
        @JsonProperty("status") @NotNull Status status,
        @JsonProperty("status_schedule") List<@Valid StatusSchedule> statusSchedule,
        @JsonProperty("capabilities") List<Capability> capabilities,
        @JsonProperty("connectors") @NotNull @NotEmpty List<@Valid Connector> connectors,
        @JsonProperty("floor_level") @Size(max = 4) String floorLevel,
        @JsonProperty("coordinates") @Valid GeoLocation coordinates,
        @JsonProperty("physical_reference") @Size(max = 16) String physicalReference,
        @JsonProperty("directions") List<@Valid DisplayText> directions,
        @JsonProperty("parking_restrictions") List<ParkingRestriction> parkingRestrictions,
        @JsonProperty("images") List<@Valid Image> images,
        @JsonProperty("last_updated") @NotNull Instant lastUpdated) {
}
