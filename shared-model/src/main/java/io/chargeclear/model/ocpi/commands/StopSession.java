package io.chargeclear.model.ocpi.commands;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Request to stop a running session.
 * <p>
 * OCPI 2.2.1 §mod_commands "StopSession object".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StopSession(
        @JsonProperty("response_url") @NotNull @Size(max = 255) String responseUrl,
        @JsonProperty("session_id") @NotNull @Size(max = 36) String sessionId) {
}
