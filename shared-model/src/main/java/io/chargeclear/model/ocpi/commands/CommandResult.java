package io.chargeclear.model.ocpi.commands;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.model.ocpi.DisplayText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * The asynchronous outcome of a command, POSTed by the CPO to the response_url.
 * <p>
 * OCPI 2.2.1 §mod_commands "CommandResult object".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandResult(
        @JsonProperty("result") @NotNull CommandResultType result,
        @JsonProperty("message") List<@Valid DisplayText> message) {
}
