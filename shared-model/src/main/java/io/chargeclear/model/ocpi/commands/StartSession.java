package io.chargeclear.model.ocpi.commands;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.model.ocpi.tokens.Token;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Request to start a session for a token at a Location (and optionally a specific EVSE and Connector).
 * <p>
 * OCPI 2.2.1 §mod_commands "StartSession object".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StartSession(
        @JsonProperty("response_url") @NotNull @Size(max = 255) String responseUrl,
        @JsonProperty("token") @Valid @NotNull Token token,
        @JsonProperty("location_id") @NotNull @Size(max = 36) String locationId,
        @JsonProperty("evse_uid") @Size(max = 36) String evseUid,
        @JsonProperty("connector_id") @Size(max = 36) String connectorId,
        @JsonProperty("authorization_reference") @Size(max = 36) String authorizationReference) {
}
