package io.chargeclear.model.ocpi.locations;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A reference to an image (logo, photo of a charger or entrance) with its category and size.
 * <p>
 * OCPI 2.2.1 §mod_locations "Image class".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Image(
        @JsonProperty("url") @NotNull @Size(max = 255) String url,
        @JsonProperty("thumbnail") @Size(max = 255) String thumbnail,
        @JsonProperty("category") @NotNull ImageCategory category,
        @JsonProperty("type") @NotNull @Size(max = 4) String type,
        @JsonProperty("width") @PositiveOrZero @Max(99999) Integer width,
        @JsonProperty("height") @PositiveOrZero @Max(99999) Integer height) {
}
