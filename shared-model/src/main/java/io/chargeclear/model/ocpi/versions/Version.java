package io.chargeclear.model.ocpi.versions;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * One entry of the versions endpoint: a supported version and the URL of its details endpoint.
 * <p>
 * OCPI 2.2.1 §version_information_endpoint "Version".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Version(
        @JsonProperty("version") @NotNull VersionNumber version,
        @JsonProperty("url") @NotNull @Size(max = 255) String url) {
}
