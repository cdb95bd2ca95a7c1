package io.chargeclear.model.event;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * Payload of every {@code hub.party.v1} event: the full current state of one platform and the parties it
 * may act for, keyed by platform id on a compacted topic. Carrying the whole snapshot (not a delta) lets a
 * consumer rebuild its view from the compacted topic alone; {@code revision} increases with every change
 * so a consumer can ignore a stale or replayed snapshot.
 */
public record PlatformChanged(
        @JsonProperty("platform_id") String platformId,
        @JsonProperty("name") String name,
        @JsonProperty("status") PlatformStatus status,
        @JsonProperty("revision") long revision,
        @JsonProperty("parties") List<Party> parties,
        @JsonProperty("changed_at") Instant changedAt) {

    /** Lifecycle of a platform as the operator sets it. */
    public enum PlatformStatus { ACTIVE, SUSPENDED, UNREGISTERED }

    /** One party (OCPI CredentialsRole identity) the operator approved for the platform. */
    public record Party(
            @JsonProperty("country_code") String countryCode,
            @JsonProperty("party_id") String partyId,
            @JsonProperty("role") String role,
            @JsonProperty("name") String name) {
    }
}
