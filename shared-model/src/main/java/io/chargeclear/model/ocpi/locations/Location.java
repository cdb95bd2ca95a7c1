package io.chargeclear.model.ocpi.locations;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.model.ocpi.DisplayText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * A charging site owned by a CPO, with its EVSEs; the top-level object of the locations module.
 * <p>
 * OCPI 2.2.1 §mod_locations "Location object".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Location(
        @JsonProperty("country_code") @NotNull @Size(max = 2) String countryCode,
        @JsonProperty("party_id") @NotNull @Size(max = 3) String partyId,
        @JsonProperty("id") @NotNull @Size(max = 36) String id,
        @JsonProperty("publish") @NotNull Boolean publish,
        @JsonProperty("publish_allowed_to") List<@Valid PublishTokenType> publishAllowedTo,
        @JsonProperty("name") @Size(max = 255) String name,
        @JsonProperty("address") @NotNull @Size(max = 255) String address,
        @JsonProperty("city") @NotNull @Size(max = 45) String city,
        @JsonProperty("postal_code") @Size(max = 10) String postalCode,
        @JsonProperty("state") @Size(max = 45) String state,
        @JsonProperty("country") @NotNull @Size(max = 3) String country,
        @JsonProperty("coordinates") @Valid @NotNull GeoLocation coordinates,
        @JsonProperty("related_locations") List<@Valid AdditionalGeoLocation> relatedLocations,
        @JsonProperty("parking_type") ParkingType parkingType,
        @JsonProperty("evses") List<@Valid EVSE> evses,
        @JsonProperty("directions") List<@Valid DisplayText> directions,
        @JsonProperty("operator") @Valid BusinessDetails operator,
        @JsonProperty("suboperator") @Valid BusinessDetails suboperator,
        @JsonProperty("owner") @Valid BusinessDetails owner,
        @JsonProperty("facilities") List<Facility> facilities,
        @JsonProperty("time_zone") @NotNull @Size(max = 255) String timeZone,
        @JsonProperty("opening_times") @Valid Hours openingTimes,
        @JsonProperty("charging_when_closed") Boolean chargingWhenClosed,
        @JsonProperty("images") List<@Valid Image> images,
        @JsonProperty("energy_mix") @Valid EnergyMix energyMix,
        @JsonProperty("last_updated") @NotNull Instant lastUpdated) {
}
