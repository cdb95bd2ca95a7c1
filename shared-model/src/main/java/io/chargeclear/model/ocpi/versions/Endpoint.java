package io.chargeclear.model.ocpi.versions;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * One module interface of a platform: module, interface role and URL.
 * <p>
 * OCPI 2.2.1 §version_information_endpoint "Endpoint".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Endpoint(
        @JsonProperty("identifier") @NotNull ModuleID identifier,
        @JsonProperty("role") @NotNull InterfaceRole role,
        @JsonProperty("url") @NotNull @Size(max = 255) String url) {
}
