package io.chargeclear.model.ocpi.hubclientinfo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.model.ocpi.credentials.Role;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * A party reachable through the hub and its connection status.
 * <p>
 * OCPI 2.2.1 §mod_hub_client_info "ClientInfo object".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientInfo(
        @JsonProperty("party_id") @NotNull @Size(max = 3) String partyId,
        @JsonProperty("country_code") @NotNull @Size(max = 2) String countryCode,
        @JsonProperty("role") @NotNull Role role,
        @JsonProperty("status") @NotNull ConnectionStatus status,
        @JsonProperty("last_updated") @NotNull Instant lastUpdated) {
}
