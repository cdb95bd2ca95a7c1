package io.chargeclear.model.ocpi.tokens;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.model.ocpi.DisplayText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The eMSP's answer to a real-time authorization request.
 * <p>
 * OCPI 2.2.1 §mod_tokens "AuthorizationInfo object".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuthorizationInfo(
        @JsonProperty("allowed") @NotNull AllowedType allowed,
        @JsonProperty("token") @Valid @NotNull Token token,
        @JsonProperty("location") @Valid LocationReferences location,
        @JsonProperty("authorization_reference") @Size(max = 36) String authorizationReference,
        @JsonProperty("info") @Valid DisplayText info) {
}
