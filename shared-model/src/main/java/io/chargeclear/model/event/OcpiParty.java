package io.chargeclear.model.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An OCPI party as events name it: {@code country_code} + {@code party_id} (its role follows from context). */
public record OcpiParty(
        @JsonProperty("country_code") String countryCode,
        @JsonProperty("party_id") String partyId) {

    /** {@code NL*CP1}: the eMI3 spelling, used in keys and logs. */
    @Override
    public String toString() {
        return countryCode + "*" + partyId;
    }
}
