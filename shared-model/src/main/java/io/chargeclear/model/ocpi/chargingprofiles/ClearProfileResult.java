package io.chargeclear.model.ocpi.chargingprofiles;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;

/**
 * Asynchronous result of a clear-profile (DELETE) request, POSTed to the response_url.
 * <p>
 * OCPI 2.2.1 §mod_charging_profiles "ClearProfileResult object".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClearProfileResult(
        @JsonProperty("result") @NotNull ChargingProfileResultType result) {
}
