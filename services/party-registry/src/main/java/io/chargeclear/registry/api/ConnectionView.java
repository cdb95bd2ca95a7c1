package io.chargeclear.registry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * A platform's completed OCPI connection as the operator API shows it: what the partner offers, never the
 * token B the hub calls it with.
 */
public record ConnectionView(
        @JsonProperty("version") String version,
        @JsonProperty("versions_url") String versionsUrl,
        @JsonProperty("endpoints") List<EndpointView> endpoints,
        @JsonProperty("connected_at") Instant connectedAt,
        @JsonProperty("updated_at") Instant updatedAt) {

    /** One endpoint of the partner; {@code role} is absent for OCPI 2.1.1 peers. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EndpointView(
            @JsonProperty("identifier") String identifier,
            @JsonProperty("role") String role,
            @JsonProperty("url") String url) {
    }
}
