package io.chargeclear.registry.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A newly issued token A with the versions URL to hand to the partner out of band; shown only in this answer,
 * the hub keeps its hash.
 */
public record TokenAView(
        @JsonProperty("platform_id") String platformId,
        @JsonProperty("token_a") String tokenA,
        @JsonProperty("versions_url") String versionsUrl) {
}
