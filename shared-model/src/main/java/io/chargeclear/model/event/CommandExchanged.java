package io.chargeclear.model.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * Payload of the {@code ocpi.command.*.v1} events: one step of an OCPI command (or charging-profile request)
 * the hub relayed from an eMSP to a CPO. {@code command_id} is the hub's id for the exchange, the same on the
 * request and on the asynchronous result, so a consumer correlates the two.
 *
 * @param commandId      the hub's id of the exchange (also the Kafka key)
 * @param module         {@code commands} or {@code chargingprofiles}
 * @param command        the command type ({@code START_SESSION}, …) or the charging-profile method ({@code PUT}, {@code GET}, {@code DELETE})
 * @param emsp           the party that sent the command
 * @param cpo            the party that executes it
 * @param request        the command body as the eMSP sent it (its own {@code response_url} included); null on a result
 * @param response       the CPO's synchronous answer (CommandResponse / ChargingProfileResponse), or null if it gave none
 * @param result         the asynchronous result the CPO posted; null on the request step
 * @param hubStatus      the OCPI status code the hub answered the eMSP with on the request step (1000, 2003, 4002, …)
 * @param occurredAt     when the hub handled this step
 */
public record CommandExchanged(
        @JsonProperty("command_id") String commandId,
        @JsonProperty("module") String module,
        @JsonProperty("command") String command,
        @JsonProperty("emsp") OcpiParty emsp,
        @JsonProperty("cpo") OcpiParty cpo,
        @JsonProperty("request") JsonNode request,
        @JsonProperty("response") JsonNode response,
        @JsonProperty("result") JsonNode result,
        @JsonProperty("hub_status") int hubStatus,
        @JsonProperty("occurred_at") Instant occurredAt) {

    /** A JSON {@code null} reads as Java null, so an absent object compares and serialises as absent. */
    public CommandExchanged {
        request = request == null || request.isNull() ? null : request;
        response = response == null || response.isNull() ? null : response;
        result = result == null || result.isNull() ? null : result;
    }

}
