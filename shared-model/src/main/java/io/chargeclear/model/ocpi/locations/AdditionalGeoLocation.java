package io.chargeclear.model.ocpi.locations;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.model.ocpi.DisplayText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A related point of a Location (an entrance, a parking spot), optionally with a name.
 * <p>
 * OCPI 2.2.1 §mod_locations "AdditionalGeoLocation class".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AdditionalGeoLocation(
        @JsonProperty("latitude") @NotNull @Size(max = 10)
        @Pattern(regexp = "-?[0-9]{1,2}\\.[0-9]{5,7}") String latitude,
        @JsonProperty("longitude") @NotNull @Size(max = 11)
        @Pattern(regexp = "-?[0-9]{1,3}\\.[0-9]{5,7}") String longitude,
        @JsonProperty("name") @Valid DisplayText name) {
}
