package io.chargeclear.registry.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Answer to the partner's unregistration: the revision of the platform snapshot that dropped its tokens. */
public record DisconnectResult(
        @JsonProperty("platform_id") String platformId,
        @JsonProperty("revision") long revision) {
}
