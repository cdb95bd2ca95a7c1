package io.chargeclear.model.ocpi.cdrs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.model.ocpi.tokens.TokenType;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The token used for a session, copied into Sessions and CDRs; country_code and party_id identify the eMSP.
 * <p>
 * OCPI 2.2.1 §mod_cdrs "CdrToken class".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CdrToken(
        @JsonProperty("country_code") @NotNull @Size(max = 2) String countryCode,
        @JsonProperty("party_id") @NotNull @Size(max = 3) String partyId,
        @JsonProperty("uid") @NotNull @Size(max = 36) String uid,
        @JsonProperty("type") @NotNull TokenType type,
        @JsonProperty("contract_id") @NotNull @Size(max = 36) String contractId) {
}
