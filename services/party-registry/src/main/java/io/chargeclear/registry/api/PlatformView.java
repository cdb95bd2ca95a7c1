package io.chargeclear.registry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * A platform as the operator API shows it. {@code token_a} appears once, in the answer to the registration:
 * the hub keeps only its hash. {@code connection} is null until the partner completes the OCPI credentials
 * handshake. {@code ocpi_version} is the OCPI version the platform registered on, null until then.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlatformView(
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("status") String status,
        @JsonProperty("parties") List<PartyView> parties,
        @JsonProperty("versions_url") String versionsUrl,
        @JsonProperty("token_a") String tokenA,
        @JsonProperty("plain_tokens") boolean plainTokens,
        @JsonProperty("ocpi_version") @JsonInclude(JsonInclude.Include.ALWAYS) String ocpiVersion,
        @JsonProperty("revision") long revision,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt,
        @JsonProperty("connection") @JsonInclude(JsonInclude.Include.ALWAYS) ConnectionView connection) {

    /**
     * One approved party; {@code emaid_provider_ids} shown for an eMSP, {@code payment_terminal_provider} for a party
     * of role OTHER.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PartyView(
            @JsonProperty("country_code") String countryCode,
            @JsonProperty("party_id") String partyId,
            @JsonProperty("role") String role,
            @JsonProperty("name") String name,
            @JsonProperty("emaid_provider_ids") List<String> emaidProviderIds,
            @JsonProperty("payment_terminal_provider") Boolean paymentTerminalProvider) {

        public PartyView(String countryCode, String partyId, String role, String name, List<String> emaidProviderIds,
                         boolean paymentTerminalProvider) {
            this(countryCode, partyId, role, name, "EMSP".equals(role) ? emaidProviderIds : null,
                    "OTHER".equals(role) ? paymentTerminalProvider : null);
        }
    }
}
