package io.chargeclear.model.ocpi.credentials;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.model.ocpi.locations.BusinessDetails;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * One party (country code, party id, role) hosted by the platform that sends the credentials.
 * <p>
 * OCPI 2.2.1 §credentials "CredentialsRole class".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CredentialsRole(
        @JsonProperty("role") @NotNull Role role,
        @JsonProperty("business_details") @Valid @NotNull BusinessDetails businessDetails,
        @JsonProperty("party_id") @NotNull @Size(max = 3) String partyId,
        @JsonProperty("country_code") @NotNull @Size(max = 2) String countryCode) {
}
