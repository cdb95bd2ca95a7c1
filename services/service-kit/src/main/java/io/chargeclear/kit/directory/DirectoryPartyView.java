package io.chargeclear.kit.directory;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/** A party directory entry as the operator API shows it. */
public record DirectoryPartyView(
        @JsonProperty("country_code") String countryCode,
        @JsonProperty("party_id") String partyId,
        @JsonProperty("role") String role,
        @JsonProperty("name") String name,
        @JsonProperty("platform_id") String platformId,
        @JsonProperty("platform_name") String platformName,
        @JsonProperty("status") String status,
        @JsonProperty("revision") long revision,
        @JsonProperty("updated_at") Instant updatedAt,
        @JsonProperty("emaid_provider_ids") List<String> emaidProviderIds,
        @JsonProperty("payment_terminal_provider") boolean paymentTerminalProvider) {

    public static DirectoryPartyView of(DirectoryParty party) {
        return new DirectoryPartyView(party.countryCode, party.partyId, party.role, party.name, party.platformId,
                party.platformName, party.status, party.revision, party.updatedAt,
                PartyDirectorySnapshot.providerIds(party.emaidProviderIds), party.paymentTerminalProvider);
    }
}
