package io.chargeclear.registry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * Answer to a completed credentials handshake. {@code token_c} appears only here (the hub keeps its hash);
 * {@code credentials} is the list of accepted tokens the same transaction published on {@code hub.party.v1},
 * so the gateway can apply it at once instead of waiting for the event.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ConnectionResult(
        @JsonProperty("token_c") String tokenC,
        @JsonProperty("platform_id") String platformId,
        @JsonProperty("revision") long revision,
        @JsonProperty("credentials") List<CredentialView> credentials) {

    /** An accepted token by its hash; {@code expires_at} is null until the token is replaced. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CredentialView(
            @JsonProperty("token_hash") String tokenHash,
            @JsonProperty("kind") String kind,
            @JsonProperty("expires_at") Instant expiresAt) {
    }
}
