package io.chargeclear.model.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * Payload of the {@code ocpi.<module>.*.v1} events: the hub's current copy of one OCPI object (location, tariff,
 * token, session or CDR) after a partner pushed it through the hub. The whole object travels, not the change,
 * so a consumer of a compacted topic rebuilds its view from the latest record per key alone. The object is
 * exactly as the owner sent it, in the OCPI version it sent it in ({@code ocpi_version}; the hub never touches
 * {@code last_updated}), with PATCHes and EVSE/connector updates already merged in. An object whose updates came in
 * both versions (its owner's platform moved from 2.2.1 to 2.3.0 during a session, say) is in the 2.3.0 form.
 *
 * @param module          OCPI module id: {@code locations}, {@code tariffs}, {@code tokens}, {@code sessions}, {@code cdrs}
 * @param owner           the party that owns the object (its {@code country_code}/{@code party_id})
 * @param objectId        the object's id ({@code uid} for tokens)
 * @param tokenType       tokens only: the token's type, part of its identity; null otherwise
 * @param operation       what the partner sent: {@code PUT}, {@code PATCH}, {@code POST} (CDRs) or {@code DELETE} (tariffs)
 * @param object          the full current object; null after a DELETE
 * @param recipient       sessions and CDRs: the eMSP they were routed to; other objects: the one party a push was
 *                        addressed to (a per-receiver tariff, say); null for objects pushed to everyone
 * @param senderPlatform  the platform that pushed it
 * @param lastUpdated     the object's {@code last_updated} (for a DELETE, when the hub accepted it)
 * @param receivedAt      when the hub accepted the push
 * @param ocpiVersion     the OCPI version of {@code object}: {@code 2.2.1} or {@code 2.3.0}; absent in events written
 *                        before the field existed, which are all {@code 2.2.1}
 */
public record OcpiObjectChanged(
        @JsonProperty("module") String module,
        @JsonProperty("owner") OcpiParty owner,
        @JsonProperty("object_id") String objectId,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("operation") String operation,
        @JsonProperty("object") JsonNode object,
        @JsonProperty("recipient") OcpiParty recipient,
        @JsonProperty("sender_platform") String senderPlatform,
        @JsonProperty("last_updated") Instant lastUpdated,
        @JsonProperty("received_at") Instant receivedAt,
        @JsonProperty("ocpi_version") String ocpiVersion) {

    /** A JSON {@code null} reads as Java null, so an absent object compares and serialises as absent. */
    public OcpiObjectChanged {
        object = object == null || object.isNull() ? null : object;
    }

    /** The Kafka key: owner and object, so one object's events stay in order on one partition. */
    public String key() {
        return owner + "*" + objectId + (tokenType == null ? "" : "*" + tokenType);
    }
}
