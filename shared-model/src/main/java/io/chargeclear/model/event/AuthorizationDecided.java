package io.chargeclear.model.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * Payload of {@code ocpi.authorization.decided.v1}: one real-time authorization (OCPI 2.2.1 §mod_tokens
 * "POST authorize") the hub routed from a CPO to the token's eMSP, with the answer and how long the eMSP took.
 * The hub's own refusals (unknown token owner, no agreement, timeout) are recorded too, with no eMSP answer.
 *
 * @param authorizationId the hub's id of this request (also the Kafka key)
 * @param cpo             the party that asked
 * @param emsp            the token's eMSP, when the hub could tell
 * @param tokenUid        the token uid asked about
 * @param tokenType       the token type asked about
 * @param locationId      the location of the LocationReferences body, if any
 * @param allowed         the eMSP's {@code allowed} value (ALLOWED, BLOCKED, EXPIRED, NO_CREDIT, NOT_ALLOWED); null when it gave none
 * @param authorizationReference the eMSP's {@code authorization_reference}, if any
 * @param ocpiStatus      the OCPI status code the CPO received (1000, 2004, 4001, 4002, 4003, …)
 * @param latencyMs       milliseconds between forwarding to the eMSP and its answer (or the timeout); null if never forwarded
 * @param answer          the eMSP's AuthorizationInfo as received; null when none
 * @param decidedAt       when the hub answered the CPO
 */
public record AuthorizationDecided(
        @JsonProperty("authorization_id") String authorizationId,
        @JsonProperty("cpo") OcpiParty cpo,
        @JsonProperty("emsp") OcpiParty emsp,
        @JsonProperty("token_uid") String tokenUid,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("location_id") String locationId,
        @JsonProperty("allowed") String allowed,
        @JsonProperty("authorization_reference") String authorizationReference,
        @JsonProperty("ocpi_status") int ocpiStatus,
        @JsonProperty("latency_ms") Long latencyMs,
        @JsonProperty("answer") JsonNode answer,
        @JsonProperty("decided_at") Instant decidedAt) {

    /** A JSON {@code null} reads as Java null, so an absent object compares and serialises as absent. */
    public AuthorizationDecided {
        answer = answer == null || answer.isNull() ? null : answer;
    }

}
