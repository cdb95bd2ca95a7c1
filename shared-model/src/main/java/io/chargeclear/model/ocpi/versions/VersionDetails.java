package io.chargeclear.model.ocpi.versions;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * The modules and interface URLs a platform offers for one OCPI version.
 * <p>
 * OCPI 2.2.1 §version_information_endpoint "Version details endpoint".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VersionDetails(
        @JsonProperty("version") @NotNull VersionNumber version,
        @JsonProperty("endpoints") @NotNull @NotEmpty List<@Valid Endpoint> endpoints) {
}
