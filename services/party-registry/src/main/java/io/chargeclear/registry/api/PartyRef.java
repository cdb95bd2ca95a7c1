package io.chargeclear.registry.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.util.Locale;

/** A party named by its OCPI identity in an agreement; the role follows from where it appears (cpo, emsp). */
public record PartyRef(
        @JsonProperty("country_code") @NotNull @Pattern(regexp = "[A-Za-z]{2}", message = "must be two letters (ISO 3166-1 alpha-2)") String countryCode,
        @JsonProperty("party_id") @NotNull @Pattern(regexp = "[A-Za-z0-9]{3}", message = "must be three letters or digits") String partyId) {

    /** Upper case, as the registry stores party codes (OCPI CiString). */
    public PartyRef normalized() {
        return new PartyRef(countryCode.toUpperCase(Locale.ROOT), partyId.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return countryCode + "/" + partyId;
    }
}
