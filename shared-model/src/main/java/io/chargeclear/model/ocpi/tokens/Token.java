package io.chargeclear.model.ocpi.tokens;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.chargeclear.model.ocpi.sessions.ProfileType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * A driver's means of authorization (RFID card, app user), owned by the eMSP and pushed to CPOs.
 * <p>
 * OCPI 2.2.1 §mod_tokens "Token object".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Token(
        @JsonProperty("country_code") @NotNull @Size(max = 2) String countryCode,
        @JsonProperty("party_id") @NotNull @Size(max = 3) String partyId,
        @JsonProperty("uid") @NotNull @Size(max = 36) String uid,
        @JsonProperty("type") @NotNull TokenType type,
        @JsonProperty("contract_id") @NotNull @Size(max = 36) String contractId,
        @JsonProperty("visual_number") @Size(max = 64) String visualNumber,
        @JsonProperty("issuer") @NotNull @Size(max = 64) String issuer,
        @JsonProperty("group_id") @Size(max = 36) String groupId,
        @JsonProperty("valid") @NotNull Boolean valid,
        @JsonProperty("whitelist") @NotNull WhitelistType whitelist,
        @JsonProperty("language") @Size(max = 2) String language,
        @JsonProperty("default_profile_type") ProfileType defaultProfileType,
        @JsonProperty("energy_contract") @Valid EnergyContract energyContract,
        @JsonProperty("last_updated") @NotNull Instant lastUpdated) {
}
