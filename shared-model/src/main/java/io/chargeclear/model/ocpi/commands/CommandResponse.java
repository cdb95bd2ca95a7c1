package io.chargeclear.model.ocpi.commands;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.model.ocpi.DisplayText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;

/**
 * The CPO's synchronous answer to a command: accepted or not, and how long to wait for the result.
 * <p>
 * OCPI 2.2.1 §mod_commands "CommandResponse object".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandResponse(
        @JsonProperty("result") @NotNull CommandResponseType result,
        @JsonProperty("timeout") @NotNull @PositiveOrZero Integer timeout,
        @JsonProperty("message") List<@Valid DisplayText> message) {
}
