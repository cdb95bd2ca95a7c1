package io.chargeclear.model.ocpi.locations;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * WGS84 coordinates, kept as the decimal strings OCPI sends so no precision is lost.
 * <p>
 * OCPI 2.2.1 §mod_locations "GeoLocation class".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GeoLocation(
        @JsonProperty("latitude") @NotNull @Size(max = 10)
        @Pattern(regexp = "-?[0-9]{1,2}\\.[0-9]{5,7}") String latitude,
        @JsonProperty("longitude") @NotNull @Size(max = 11)
        @Pattern(regexp = "-?[0-9]{1,3}\\.[0-9]{5,7}") String longitude) {
}
