package io.chargeclear.model.ocpi.commands;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Request to cancel an existing reservation.
 * <p>
 * OCPI 2.2.1 §mod_commands "CancelReservation object".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CancelReservation(
        @JsonProperty("response_url") @NotNull @Size(max = 255) String responseUrl,
        @JsonProperty("reservation_id") @NotNull @Size(max = 36) String reservationId) {
}
