package io.chargeclear.registry.domain;

/** A party's identity in OCPI: country code, party id and role. Stored upper case (OCPI CiString). */
public record PartyKey(String countryCode, String partyId, PartyRole role) {

    @Override
    public String toString() {
        return countryCode + "/" + partyId + " (" + role + ")";
    }
}
