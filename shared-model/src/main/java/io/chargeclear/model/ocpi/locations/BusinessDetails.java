package io.chargeclear.model.ocpi.locations;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Name, website and logo of a company (operator, owner, or a party in the credentials).
 * <p>
 * OCPI 2.2.1 §mod_locations "BusinessDetails class".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BusinessDetails(
        @JsonProperty("name") @NotNull @Size(max = 100) String name,
        @JsonProperty("website") @Size(max = 255) String website,
        @JsonProperty("logo") @Valid Image logo) {
}
