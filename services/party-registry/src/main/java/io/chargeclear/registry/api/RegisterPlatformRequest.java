package io.chargeclear.registry.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * {@code POST /admin/platforms}: a platform and the parties it may claim; {@code plain_tokens} (default false)
 * for peers built on OCPI 2.1.1/2.2 that send and expect tokens without Base64. An eMSP party may list the EMAID
 * provider ids it holds ({@code emaid_provider_ids}, for Plug & Charge); a party of role OTHER may be a payment
 * terminal provider ({@code payment_terminal_provider}).
 */
public record RegisterPlatformRequest(
        @JsonProperty("name") @NotBlank @Size(max = 100) String name,
        @JsonProperty("parties") @NotEmpty List<@Valid @NotNull PartyRequest> parties,
        @JsonProperty("plain_tokens") Boolean plainTokens) {

    /** Tokens as OCPI 2.2.1 sends them (Base64) unless the operator says this platform uses plain ones. */
    public boolean usesPlainTokens() {
        return Boolean.TRUE.equals(plainTokens);
    }

    /** One party: OCPI CredentialsRole identity plus the business name. Codes are case-insensitive. */
    public record PartyRequest(
            @JsonProperty("country_code") @NotNull @Pattern(regexp = "[A-Za-z]{2}", message = "must be two letters (ISO 3166-1 alpha-2)") String countryCode,
            @JsonProperty("party_id") @NotNull @Pattern(regexp = "[A-Za-z0-9]{3}", message = "must be three letters or digits") String partyId,
            @JsonProperty("role") @NotNull @Pattern(regexp = "CPO|EMSP|NSP|OTHER", message = "must be one of CPO, EMSP, NSP, OTHER") String role,
            @JsonProperty("name") @NotBlank @Size(max = 100) String name,
            @JsonProperty("emaid_provider_ids") @Size(max = 50) List<@NotNull @Size(max = 20) String> emaidProviderIds,
            @JsonProperty("payment_terminal_provider") Boolean paymentTerminalProvider) {

        public PartyRequest(String countryCode, String partyId, String role, String name) {
            this(countryCode, partyId, role, name, null, null);
        }
    }
}
