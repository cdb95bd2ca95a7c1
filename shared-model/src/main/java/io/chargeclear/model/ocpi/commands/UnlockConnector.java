package io.chargeclear.model.ocpi.commands;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Help-desk request to unlock a connector.
 * <p>
 * OCPI 2.2.1 §mod_commands "UnlockConnector object".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UnlockConnector(
        @JsonProperty("response_url") @NotNull @Size(max = 255) String responseUrl,
        @JsonProperty("location_id") @NotNull @Size(max = 36) String locationId,
        @JsonProperty("evse_uid") @NotNull @Size(max = 36) String evseUid,
        @JsonProperty("connector_id") @NotNull @Size(max = 36) String connectorId) {
}
