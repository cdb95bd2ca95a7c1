package io.chargeclear.model.ocpi.commands;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.model.ocpi.tokens.Token;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * Request to reserve a Location or EVSE for a token until expiry_date.
 * <p>
 * OCPI 2.2.1 §mod_commands "ReserveNow object".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReserveNow(
        @JsonProperty("response_url") @NotNull @Size(max = 255) String responseUrl,
        @JsonProperty("token") @Valid @NotNull Token token,
        @JsonProperty("expiry_date") @NotNull Instant expiryDate,
        @JsonProperty("reservation_id") @NotNull @Size(max = 36) String reservationId,
        @JsonProperty("location_id") @NotNull @Size(max = 36) String locationId,
        @JsonProperty("evse_uid") @Size(max = 36) String evseUid,
        @JsonProperty("authorization_reference") @Size(max = 36) String authorizationReference) {
}
